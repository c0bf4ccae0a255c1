// Province's API through openapi-fetch, typed by schema.d.ts (generated from the host's OpenAPI document:
// `npm run api-types`). Signed-in calls carry the Zalo token; creates carry an Idempotency-Key and are retried
// with the same key after a dropped connection, so a citizen on a weak network never submits twice.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths, components } from "./schema";
import { apiBase } from "../config";
import { accessToken } from "../platform";

export type Schemas = components["schemas"];

/** An RFC 9457 problem as the API answers it, with a message a citizen can act on. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string | undefined,
    message: string,
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const signIn: Middleware = {
  async onRequest({ request }) {
    const path = new URL(request.url).pathname;
    if (path.includes("/api/") && !path.includes("/api/public/")) {
      request.headers.set("Authorization", `Bearer ${await accessToken()}`);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: apiBase });
api.use(signIn);

const plainMessages: Record<number, string> = {
  0: "Mất kết nối mạng. Hãy kiểm tra mạng rồi bấm Thử lại: hồ sơ sẽ không bị gửi hai lần.",
  401: "Phiên đăng nhập Zalo đã hết hạn. Hãy mở lại ứng dụng.",
  403: "Bạn không có quyền làm việc này.",
  404: "Không tìm thấy. Hãy kiểm tra lại mã hoặc quay về trang chủ.",
  409: "Dữ liệu vừa được cập nhật ở nơi khác. Hãy tải lại trang rồi làm lại.",
  413: "Tệp quá lớn. Hãy chọn ảnh nhỏ hơn 10 MB.",
  429: "Bạn thao tác quá nhanh. Hãy chờ một chút rồi thử lại.",
  503: "Hệ thống đang bận. Hãy thử lại sau ít phút.",
};

export async function toApiError(response: Response | undefined, body: unknown): Promise<ApiError> {
  const status = response?.status ?? 0;
  const problem = (body ?? {}) as { code?: string; title?: string; detail?: string; errors?: Record<string, string[]> };
  const fields = problem.errors ?? {};
  const firstField = Object.values(fields)[0]?.[0];
  const message =
    status === 400 || status === 422 ? firstField ?? problem.detail ?? problem.title ?? "Thông tin chưa đúng. Hãy kiểm tra lại." : plainMessages[status] ?? problem.detail ?? "Có lỗi xảy ra. Hãy thử lại.";
  return new ApiError(status, problem.code, message, fields);
}

/** The body of a successful answer, or an ApiError with a Vietnamese message saying what to do. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, "network", plainMessages[0]);
  }
  if (result.response.status === 401) {
    await accessToken(true).catch(() => undefined);
  }
  if (result.error !== undefined || !result.response.ok) throw await toApiError(result.response, result.error);
  return result.data as T;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/**
 * A create with an Idempotency-Key: retried with the same key (up to 3 times, 1 s, 2 s, 4 s apart) when the
 * connection drops before the answer arrives; the server replays the first answer instead of creating twice.
 */
export async function createOnce<T>(key: string, send: (headers: { "Idempotency-Key": string }) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ok(send({ "Idempotency-Key": key }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 0 || attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
    }
  }
}

/** Uploads files as multipart parts named "files"; answers the uploaded files' ids and links. */
export async function upload(path: string, files: File[], key: string): Promise<{ id: string; fileName: string; url?: string }[]> {
  const form = new FormData();
  for (const file of files) form.append(files.length === 1 ? "file" : "files", file, file.name);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(apiBase + path, {
        method: "POST",
        body: form,
        headers: { Authorization: `Bearer ${await accessToken()}`, "Idempotency-Key": key },
      });
    } catch {
      if (attempt >= 3) throw new ApiError(0, "network", plainMessages[0]);
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      continue;
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw await toApiError(response, body);
    // One answer shape for every upload (issue 13): { items: [...] }; older hosts answered the file itself.
    const items = (body as { items?: unknown[] }).items ?? [body];
    return items as { id: string; fileName: string; url?: string }[];
  }
}

/** A list answer's items: every list is paged ({ items, page, pageSize, total }); a few older ones were bare arrays. */
export function itemsOf<T>(body: T[] | { items: T[] } | undefined): T[] {
  if (!body) return [];
  return Array.isArray(body) ? body : body.items;
}
