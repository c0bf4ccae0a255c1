import { useRef, useState } from "react";
import { api, ok, newIdempotencyKey, upload } from "../api/client";
import { share } from "../platform";
import { ApiImage } from "../images";
import { Screen, useLoad, useAction, Loading, ErrorBox, Field, Button, Status, History, Outcome, PagedList, ListRow, formatDate, formatDateTime } from "../ui";
import { FilePicker } from "./procedures";

/** What the citizen may do now: the API's allowedActions (issue 13); older hosts: from the status. */
export function may(item: { allowedActions?: string[] | null; status?: unknown }, action: string, fallback: (status: string) => boolean): boolean {
  if (Array.isArray(item.allowedActions)) return item.allowedActions.includes(action);
  return fallback(String(item.status));
}

const withdrawable = (s: string) => ["1", "2", "4", "5", "new", "accepted", "processing", "supplementRequested"].includes(s);
const needsSupplement = (s: string) => s === "5" || s === "supplementRequested";

export function lookupLink(code: string, secret: string): string {
  return `${location.href.split("#")[0]}#/lookup?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`;
}

export function Receipt({ id }: { id: string }) {
  const receipt = useLoad(() => ok(api.GET("/api/dossiers/{id}/receipt", { params: { path: { id } } })), [id]);
  const [shared, setShared] = useState("");
  const r = receipt.data;
  return (
    <Screen title="Giấy tiếp nhận hồ sơ">
      <ErrorBox error={receipt.error} retry={receipt.reload} />
      {!r ? (
        !receipt.error && <Loading />
      ) : (
        <>
          <p className="success" role="status">
            Đã gửi hồ sơ. Cán bộ sẽ xem và báo cho bạn qua Zalo.
          </p>
          <section className="card" aria-labelledby="receipt-title">
            <h2 id="receipt-title" style={{ marginTop: 0 }}>
              {r.procedureName}
            </h2>
            <dl className="facts">
              <dt>Mã hồ sơ</dt>
              <dd data-testid="dossier-code">{r.dossierCode}</dd>
              <dt>Mã tra cứu</dt>
              <dd data-testid="lookup-secret">{r.lookupSecret}</dd>
              <dt>Nơi nhận</dt>
              <dd>{r.agencyName}</dd>
              <dt>Ngày hẹn trả</dt>
              <dd>{formatDate(r.dueAt)}</dd>
            </dl>
            <ApiImage src={r.qrCodeSvgUrl} alt={`Mã QR tra cứu hồ sơ ${r.dossierCode}`} className="qr" />
            <p className="muted">Giữ mã hồ sơ và mã tra cứu để người nhà cũng tra cứu được.</p>
          </section>
          <Button
            variant="tertiary"
            onClick={async () => {
              const result = await share(`Hồ sơ ${r.dossierCode}`, `Tra cứu hồ sơ ${r.procedureName}`, lookupLink(r.dossierCode, r.lookupSecret));
              setShared(result === "copied" ? "Đã chép đường dẫn tra cứu. Dán vào tin nhắn Zalo để gửi." : result === "shared" ? "Đã chia sẻ." : "");
            }}
          >
            Chia sẻ đường dẫn tra cứu
          </Button>
          <Outcome message={shared} />
          <Button onClick={() => (location.hash = `/dossiers/${r.dossierId}`)}>Xem hồ sơ</Button>
        </>
      )}
    </Screen>
  );
}

export function MyDossiers() {
  const list = useLoad(() => ok(api.GET("/api/dossiers", { params: { query: { page: 1, pageSize: 50 } } })));
  return (
    <Screen title="Hồ sơ của tôi">
      <PagedList
        list={list}
        empty={{ text: "Bạn chưa nộp hồ sơ nào.", action: "Tìm thủ tục để nộp", href: "#/procedures" }}
        row={(d) => <ListRow href={`#/dossiers/${d.id}`} title={d.procedureName} facts={`${d.code} · nộp ${formatDate(d.submittedAt)}`} status={d.statusText} />}
      />
    </Screen>
  );
}

export function DossierDetail({ id }: { id: string }) {
  const dossier = useLoad(() => ok(api.GET("/api/dossiers/{id}", { params: { path: { id } } })), [id]);
  const [mode, setMode] = useState<"view" | "withdraw" | "supplement">("view");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState("");
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const d = dossier.data;

  const withdraw = () =>
    action.run(async () => {
      if (!d) return;
      if (reason.trim().length < 3) throw new Error("Hãy ghi lý do rút hồ sơ (ít nhất vài chữ).");
      await ok(api.POST("/api/dossiers/{id}/withdraw", { params: { path: { id } }, body: { message: reason, version: d.version } }));
      setMode("view");
      setDone("Đã gửi yêu cầu rút hồ sơ. Cán bộ sẽ xác nhận.");
      dossier.reload();
    });

  const supplement = () =>
    action.run(async () => {
      if (!d) return;
      if (files.length === 0) throw new Error("Hãy chụp hoặc chọn ảnh giấy tờ bổ sung.");
      const uploaded = await upload("/api/dossiers/uploads", files, key.current + "-files");
      const documentKey = d.files.find((f) => f.documentKey)?.documentKey ?? "1";
      await ok(
        api.POST("/api/dossiers/{id}/supplements", {
          params: { path: { id } },
          body: { documents: [{ documentKey, fileIds: uploaded.map((u) => u.id) }], message: note || null, version: d.version },
        }),
      );
      setMode("view");
      setFiles([]);
      setDone("Đã gửi giấy tờ bổ sung. Cán bộ sẽ xem tiếp hồ sơ.");
      dossier.reload();
    });

  return (
    <Screen title="Hồ sơ">
      <ErrorBox error={dossier.error} retry={dossier.reload} />
      {!d ? (
        !dossier.error && <Loading />
      ) : (
        <>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{d.procedureName}</h2>
            <DossierFacts dossier={d} />
            {d.supplementRequest && <p className="notice">Cán bộ đề nghị bổ sung: {d.supplementRequest}</p>}
            {d.result?.note && <p className="success">Kết quả: {d.result.note}</p>}
          </section>
          <Outcome message={done} />
          <Button variant="tertiary" onClick={() => (location.hash = `/dossiers/${d.id}/receipt`)}>
            Giấy tiếp nhận, mã QR
          </Button>
          {mode === "view" && may(d, "supplements", needsSupplement) && <Button onClick={() => setMode("supplement")}>Bổ sung giấy tờ</Button>}
          {mode === "view" && may(d, "withdraw", withdrawable) && (
            <Button variant="danger" onClick={() => setMode("withdraw")}>
              Rút hồ sơ
            </Button>
          )}
          {mode === "withdraw" && (
            <section className="card" aria-labelledby="withdraw-title">
              <h2 id="withdraw-title" style={{ marginTop: 0 }}>
                Rút hồ sơ
              </h2>
              <Field label="Lý do rút hồ sơ" name="reason" value={reason} onChange={setReason} multiline />
              <ErrorBox error={action.error} />
              <Button variant="danger" loading={action.busy} onClick={withdraw}>
                Xác nhận rút hồ sơ
              </Button>
              <Button variant="secondary" onClick={() => setMode("view")}>
                Không rút nữa
              </Button>
            </section>
          )}
          {mode === "supplement" && (
            <section className="card" aria-labelledby="supplement-title">
              <h2 id="supplement-title" style={{ marginTop: 0 }}>
                Bổ sung giấy tờ
              </h2>
              <FilePicker id="supplement-files" label="Ảnh giấy tờ bổ sung" files={files} onChange={setFiles} />
              <Field label="Lời nhắn cho cán bộ (nếu có)" name="note" value={note} onChange={setNote} multiline />
              <ErrorBox error={action.error} />
              <Button loading={action.busy} onClick={supplement}>
                Gửi giấy tờ bổ sung
              </Button>
            </section>
          )}
          <History id="history-title" steps={d.history} />
        </>
      )}
    </Screen>
  );
}

/** Where a dossier stands: its status, code, agency and return date (the citizen's dossier and the public lookup alike). */
function DossierFacts({ dossier }: { dossier: { statusText: string; code: string; agencyName: string; dueAt: string } }) {
  return (
    <>
      <p>
        <Status text={dossier.statusText} />
      </p>
      <dl className="facts">
        <dt>Mã hồ sơ</dt>
        <dd>{dossier.code}</dd>
        <dt>Cơ quan</dt>
        <dd>{dossier.agencyName}</dd>
        <dt>Hẹn trả</dt>
        <dd>{formatDate(dossier.dueAt)}</dd>
      </dl>
    </>
  );
}

export function Lookup({ code: initialCode, secret: initialSecret }: { code: string; secret: string }) {
  const [code, setCode] = useState(initialCode);
  const [secret, setSecret] = useState(initialSecret);
  const [asked, setAsked] = useState(initialCode && initialSecret ? { code: initialCode, secret: initialSecret } : null);
  const result = useLoad(
    async () => (asked ? ok(api.GET("/api/public/dossiers/lookup/{code}", { params: { path: { code: asked.code.trim() }, query: { secret: asked.secret.trim() } } })) : null),
    [asked?.code, asked?.secret],
  );
  const r = result.data;
  return (
    <Screen title="Tra cứu hồ sơ">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ code, secret });
        }}
      >
        <Field label="Mã hồ sơ" name="code" value={code} onChange={setCode} hint="In trên giấy tiếp nhận, ví dụ 000.00.00.H59-261201-0001" />
        <Field label="Mã tra cứu" name="secret" value={secret} onChange={setSecret} hint="In dưới mã QR của giấy tiếp nhận" />
        <Button type="submit">Tra cứu</Button>
        <a className="btn secondary" href="#/scan">
          Quét mã QR trên giấy tiếp nhận
        </a>
      </form>
      {asked && result.loading && <Loading />}
      {asked && result.error ? <ErrorBox error={new Error("Không tìm thấy hồ sơ với mã này. Hãy kiểm tra mã hồ sơ và mã tra cứu trên giấy tiếp nhận.")} /> : null}
      {r && (
        <section className="card" aria-labelledby="lookup-title" data-testid="lookup-result">
          <h2 id="lookup-title" style={{ marginTop: 0 }}>
            {r.procedureName}
          </h2>
          <DossierFacts dossier={r} />
          <ol>
            {r.steps.map((s, i) => (
              <li key={i}>
                {s.statusText} <small className="muted">{formatDateTime(s.at)}</small>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Screen>
  );
}
