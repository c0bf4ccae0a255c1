// The app's small kit: a hash router (no router library: the app stays small), the screen frame, loading and
// error states, form fields. zmp-ui components are imported one by one, each with its own styles.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import ZButton from "zmp-ui/button";
import Spinner from "zmp-ui/spinner";
import "zmp-ui/button/styles/button.css";
import "zmp-ui/spinner/styles/spinner.css";
import { ApiError, itemsOf } from "./api/client";

export function currentRoute(): { path: string; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?");
  return { path: path || "/", query: new URLSearchParams(search) };
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => {
      setRoute(currentRoute());
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function go(to: string, replace = false) {
  const target = "#" + to;
  if (replace) location.replace(target);
  else location.hash = to;
}

export function Screen({ title, children, back = true }: { title: string; children: ReactNode; back?: boolean }) {
  useEffect(() => {
    document.title = `${title} · Dịch vụ công Tây Ninh`;
  }, [title]);
  return (
    <>
      <header className="topbar">
        {back && (
          <button type="button" aria-label="Quay lại" onClick={() => (history.length > 1 ? history.back() : go("/"))}>
            ←
          </button>
        )}
        <h1>{title}</h1>
        {back && (
          <button type="button" aria-label="Trang chủ" onClick={() => go("/")}>
            ⌂
          </button>
        )}
      </header>
      <main id="main">{children}</main>
    </>
  );
}

export function Button(props: {
  children: ReactNode;
  onClick?: () => void;
  variant?: "primary" | "secondary" | "tertiary" | "danger";
  disabled?: boolean;
  loading?: boolean;
  type?: "button" | "submit";
}) {
  const { variant = "primary", type = "button" } = props;
  return (
    <ZButton
      htmlType={type}
      variant={variant === "danger" ? "tertiary" : variant}
      className={variant === "danger" ? "zaui-btn-danger" : undefined}
      disabled={props.disabled || props.loading}
      loading={props.loading}
      onClick={props.onClick}
      fullWidth
    >
      {props.children}
    </ZButton>
  );
}

export function Loading({ label = "Đang tải…" }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spinner visible />
      <p>{label}</p>
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" className="btn secondary" onClick={retry}>
          Thử lại
        </button>
      )}
    </div>
  );
}

/** The outcome of an action under its button: what went wrong, or what was done. */
export function Outcome({ error, message }: { error?: unknown; message: string }) {
  return (
    <>
      <ErrorBox error={error} />
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
    </>
  );
}

/** A list the API pages (the first page): loading, the error with a retry, the empty state with its next step, the rows. */
export function PagedList<T extends { id: string }>(props: {
  list: { data?: T[] | { items: T[] }; error?: unknown; loading: boolean; reload: () => void };
  empty?: { text: string; action: string; href: string };
  row: (item: T) => ReactNode;
}) {
  const { list, empty } = props;
  const items = itemsOf(list.data);
  return (
    <>
      <ErrorBox error={list.error} retry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <ul className="list card">
          {items.length === 0 && empty && (
            <li>
              <p>{empty.text}</p>
              <a className="btn" href={empty.href}>
                {empty.action}
              </a>
            </li>
          )}
          {items.map((item) => (
            <li key={item.id}>{props.row(item)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A row of a list: a link with the title, a line of facts and the status. */
export function ListRow({ href, title, facts, status }: { href: string; title: string; facts: string; status: string }) {
  return (
    <a className="row" href={href}>
      <strong>{title}</strong>
      <br />
      <small>{facts}</small>
      <br />
      <Status text={status} />
    </a>
  );
}

/** Loads once (and again on `reload`); keeps the last good value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const counter = useRef(0);
  const run = useCallback(() => {
    const id = ++counter.current;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => id === counter.current && setState({ data, loading: false }),
      (error) => id === counter.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run, set: (data: T) => setState({ data, loading: false }) };
}

/** Runs an action with a busy flag and a kept error; the error says what to do. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

export function fieldError(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const key = Object.keys(error.fields).find((k) => k.toLowerCase().endsWith(name.toLowerCase()));
  return key ? error.fields[key][0] : undefined;
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  type?: string;
  multiline?: boolean;
  inputMode?: "text" | "numeric" | "tel" | "search";
  autoComplete?: string;
  name?: string;
}) {
  const id = "f-" + (props.name ?? props.label).replace(/\W+/g, "-");
  const described = [props.hint && id + "-hint", props.error && id + "-error"].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    value: props.value,
    "aria-describedby": described,
    "aria-invalid": props.error ? true : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{props.label}</span>
      </label>
      {props.hint && (
        <span className="hint" id={id + "-hint"}>
          {props.hint}
        </span>
      )}
      {props.multiline ? (
        <textarea {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? "text"} inputMode={props.inputMode} autoComplete={props.autoComplete} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.error && (
        <span className="hint" style={{ color: "var(--bad)" }} id={id + "-error"}>
          {props.error}
        </span>
      )}
    </div>
  );
}

export function Status({ text }: { text: string }) {
  return <span className="status">{text}</span>;
}

const dateFormat = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });

export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + "T00:00:00+07:00") : new Date(value);
  return isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function money(amount: number | string): string {
  return Number(amount).toLocaleString("vi-VN") + " đồng";
}

/** The steps of a dossier or a report, oldest first, as the citizen reads them ("Quá trình xử lý"). */
export function History({ id, steps }: { id: string; steps: ReadonlyArray<{ statusText: string; at: string; description?: string | null }> }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        Quá trình xử lý
      </h2>
      <ol className="list">
        {steps.map((h, i) => (
          <li key={i} style={{ padding: "0.5rem 0" }}>
            <strong>{h.statusText}</strong>
            <br />
            <small>
              {formatDateTime(h.at)} · {h.description}
            </small>
          </li>
        ))}
      </ol>
    </section>
  );
}
