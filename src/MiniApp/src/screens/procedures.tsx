import { useEffect, useRef, useState } from "react";
import { api, ok, itemsOf, createOnce, newIdempotencyKey, upload, type Schemas } from "../api/client";
import { askForMessages, pickImages, insideZalo, share } from "../platform";
import { Screen, useLoad, useAction, Loading, ErrorBox, Field, Button, Outcome, go, money, fieldError } from "../ui";

export function ProcedureSearch({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  const [query, setQuery] = useState(initial);
  useEffect(() => {
    const t = setTimeout(() => setQuery(q), 300);
    return () => clearTimeout(t);
  }, [q]);
  const found = useLoad(() => ok(api.GET("/api/public/dossiers/procedures", { params: { query: { q: query || undefined, page: 1, pageSize: 20 } } })), [query]);
  return (
    <Screen title="Thủ tục hành chính">
      <div role="search">
        <Field label="Tìm thủ tục" name="q" value={q} onChange={setQ} inputMode="search" hint="Gõ có dấu hoặc không dấu, ví dụ: khai sinh" />
      </div>
      <ErrorBox error={found.error} retry={found.reload} />
      {found.loading && !found.data ? (
        <Loading />
      ) : (
        <ul className="list card" aria-label="Kết quả tìm kiếm" aria-busy={found.loading}>
          {itemsOf(found.data).length === 0 && <li className="muted">Không có thủ tục nào khớp. Hãy thử từ khác, ví dụ "ket hon".</li>}
          {itemsOf(found.data).map((p) => (
            <li key={p.code}>
              <a className="row" href={`#/procedures/${encodeURIComponent(p.code)}`}>
                <strong>{p.name}</strong>
                <br />
                <small>
                  {p.field} · {p.processingWorkingDays} ngày làm việc
                </small>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

export function ProcedureDetail({ code }: { code: string }) {
  const procedure = useLoad(() => ok(api.GET("/api/public/dossiers/procedures/{code}", { params: { path: { code } } })), [code]);
  const [shared, setShared] = useState("");
  const p = procedure.data;
  return (
    <Screen title="Chi tiết thủ tục">
      <ErrorBox error={procedure.error} retry={procedure.reload} />
      {!p ? (
        !procedure.error && <Loading />
      ) : (
        <>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{p.name}</h2>
            <dl className="facts">
              <dt>Lĩnh vực</dt>
              <dd>{p.field}</dd>
              <dt>Thời hạn</dt>
              <dd>{p.processingWorkingDays} ngày làm việc</dd>
              <dt>Hình thức</dt>
              <dd>{p.onlineLevelText}</dd>
            </dl>
          </section>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>Giấy tờ cần có</h2>
            <ol>
              {p.requiredDocuments.map((d) => (
                <li key={d.key}>
                  {d.name} {d.mandatory ? "" : "(nếu có)"}
                  {d.formTemplate && <small className="muted"> · Mẫu: {d.formTemplate.name}</small>}
                </li>
              ))}
            </ol>
            <h2>Lệ phí</h2>
            {p.fees.length === 0 ? <p>Không mất phí.</p> : p.fees.map((f, i) => <p key={i}>{f.name}: {Number(f.amount) === 0 ? "miễn phí" : money(f.amount)}</p>)}
            <h2>Kết quả</h2>
            <p>{p.result}</p>
          </section>
          <Button onClick={() => go(`/procedures/${encodeURIComponent(code)}/submit`)}>Nộp hồ sơ trực tuyến</Button>
          <Button
            variant="tertiary"
            onClick={async () => {
              const result = await share(p.name, "Thủ tục " + p.name, location.href.split("#")[0] + `#/procedures/${encodeURIComponent(code)}`);
              setShared(result === "copied" ? "Đã chép đường dẫn. Dán vào tin nhắn Zalo để gửi." : result === "shared" ? "Đã chia sẻ." : "");
            }}
          >
            Chia sẻ thủ tục
          </Button>
          <Outcome message={shared} />
        </>
      )}
    </Screen>
  );
}

/** Files chosen for one document: Zalo's camera or gallery inside Zalo, a file input elsewhere. */
export function FilePicker({ label, files, onChange, id }: { label: string; files: File[]; onChange: (files: File[]) => void; id: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field">
      <span>{label}</span>
      {insideZalo ? (
        <Button variant="tertiary" onClick={async () => onChange([...files, ...((await pickImages(4)) ?? [])])}>
          Chụp hoặc chọn ảnh
        </Button>
      ) : (
        <>
          <label htmlFor={id} className="visually-hidden">
            {label}: chọn ảnh hoặc tệp
          </label>
          <input id={id} ref={input} type="file" accept="image/*,application/pdf" multiple onChange={(e) => onChange([...files, ...Array.from(e.target.files ?? [])])} />
        </>
      )}
      {files.length > 0 && (
        <span className="hint">
          Đã chọn: {files.map((f) => f.name).join(", ")}{" "}
          <button type="button" className="row" style={{ display: "inline", width: "auto", padding: 0, minHeight: 0, color: "var(--bad)" }} onClick={() => onChange([])}>
            Bỏ chọn
          </button>
        </span>
      )}
    </div>
  );
}

export function SubmitDossier({ code }: { code: string }) {
  const procedure = useLoad(() => ok(api.GET("/api/public/dossiers/procedures/{code}", { params: { path: { code } } })), [code]);
  // The applicant as the province knows the citizen; a newcomer's name is the one Zalo gave.
  const prefill = useLoad(async () => {
    const [applicant, me] = await Promise.all([ok(api.GET("/api/dossiers/applicant-prefill")), ok(api.GET("/api/identity/me"))]);
    return { ...applicant, fullName: applicant.fullName || me.fullName || me.zaloName || "", phoneNumber: applicant.phoneNumber ?? me.phoneNumber };
  });
  const [applicant, setApplicant] = useState<Schemas["ApplicantRequest"] | null>(null);
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [summary, setSummary] = useState("");
  const action = useAction();
  // One key per submission the citizen starts: a retry (theirs or the app's) replays the first answer.
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (prefill.data && !applicant) setApplicant(prefill.data);
  }, [prefill.data, applicant]);
  const p = procedure.data;
  const a = applicant;
  const missing = p?.requiredDocuments.filter((d) => d.mandatory && !(files[d.key]?.length)) ?? [];

  const submit = () =>
    action.run(async () => {
      if (!p || !a) return;
      if (missing.length > 0) throw new Error(`Còn thiếu: ${missing.map((d) => d.name).join("; ")}. Hãy chụp hoặc chọn ảnh giấy tờ đó.`);
      const documents: { documentKey: string; fileIds: string[] }[] = [];
      for (const d of p.requiredDocuments) {
        const chosen = files[d.key] ?? [];
        if (chosen.length === 0) continue;
        const uploaded = await upload("/api/dossiers/uploads", chosen, `${key.current}-${d.key}`);
        documents.push({ documentKey: d.key, fileIds: uploaded.map((u) => u.id) });
      }
      const receipt = await createOnce(key.current, (headers) =>
        api.POST("/api/dossiers", {
          params: { header: headers },
          body: { procedureCode: code, applicant: a, summary: summary || null, documents, delivery: { method: "atOffice", address: null } },
        }),
      );
      void askForMessages();
      go(`/dossiers/${receipt.dossierId}/receipt`, true);
    });

  return (
    <Screen title="Nộp hồ sơ">
      <ErrorBox error={procedure.error ?? prefill.error} retry={() => (procedure.reload(), prefill.reload())} />
      {!p || !a ? (
        <Loading />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="card">
            <strong>{p.name}</strong>
          </p>
          <section className="card" aria-labelledby="applicant-title">
            <h2 id="applicant-title" style={{ marginTop: 0 }}>
              Người nộp
            </h2>
            <p className="muted">Đã điền sẵn từ tài khoản Zalo của bạn. Sửa nếu cần.</p>
            <Field label="Họ và tên" name="fullName" value={a.fullName} onChange={(v) => setApplicant({ ...a, fullName: v })} autoComplete="name" error={fieldError(action.error, "fullName")} />
            <Field label="Số điện thoại" name="phoneNumber" value={a.phoneNumber ?? ""} onChange={(v) => setApplicant({ ...a, phoneNumber: v })} inputMode="tel" autoComplete="tel" error={fieldError(action.error, "phoneNumber")} />
            <Field label="Số CCCD (nếu có)" name="citizenIdNumber" value={a.citizenIdNumber ?? ""} onChange={(v) => setApplicant({ ...a, citizenIdNumber: v || null })} inputMode="numeric" error={fieldError(action.error, "citizenIdNumber")} />
            <Field label="Địa chỉ (nếu có)" name="address" value={a.address ?? ""} onChange={(v) => setApplicant({ ...a, address: v || null })} autoComplete="street-address" />
          </section>
          <section className="card" aria-labelledby="documents-title">
            <h2 id="documents-title" style={{ marginTop: 0 }}>
              Giấy tờ
            </h2>
            <p className="muted">Chụp rõ từng trang, đủ bốn góc.</p>
            {p.requiredDocuments.map((d) => (
              <FilePicker
                key={d.key}
                id={`doc-${d.key}`}
                label={`${d.name}${d.mandatory ? "" : " (nếu có)"}`}
                files={files[d.key] ?? []}
                onChange={(chosen) => setFiles({ ...files, [d.key]: chosen })}
              />
            ))}
            <Field label="Ghi chú cho cán bộ (nếu có)" name="summary" value={summary} onChange={setSummary} multiline />
          </section>
          <ErrorBox error={action.error} />
          <Button type="submit" loading={action.busy}>
            {action.error ? "Thử lại: gửi hồ sơ" : "Gửi hồ sơ"}
          </Button>
        </form>
      )}
    </Screen>
  );
}
