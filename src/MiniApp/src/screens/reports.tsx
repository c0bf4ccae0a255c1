import { useEffect, useRef, useState } from "react";
import { api, ok, itemsOf, createOnce, newIdempotencyKey, upload } from "../api/client";
import { currentPlace, share, type Place } from "../platform";
import { ApiImage } from "../images";
import { Screen, useLoad, useAction, Loading, ErrorBox, Field, Button, Status, History, Outcome, PagedList, ListRow, go, formatDate, formatDateTime, fieldError } from "../ui";
import { FilePicker } from "./procedures";
import { may } from "./dossiers";

const photoUploads = "/api/field-reports/uploads";

/** A ward (xã, phường, đặc khu) of the province, searched without diacritics. */
function WardPicker({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const [q, setQ] = useState(value);
  const [open, setOpen] = useState(false);
  const units = useLoad(async () => (q.trim().length >= 2 && open ? itemsOf(await ok(api.GET("/api/public/identity/administrative-units", { params: { query: { q } } }))) : []), [q, open]);
  return (
    <div>
      <Field
        label="Xã, phường"
        name="ward"
        value={q}
        onChange={(v) => {
          setQ(v);
          setOpen(true);
          onChange(v);
        }}
        hint="Gõ tên xã, phường (tên cũ cũng được), rồi chọn trong danh sách"
      />
      {open && itemsOf(units.data).length > 0 && (
        <ul className="list card" aria-label="Xã, phường tìm thấy">
          {itemsOf(units.data)
            .slice(0, 6)
            .map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="row"
                  onClick={() => {
                    setQ(u.name);
                    setOpen(false);
                    onChange(u.name);
                  }}
                >
                  {u.name}
                </button>
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}

// The demo province's extent (Tây Ninh with the former Long An): the map pick turns a tap into a position inside it.
const extent = { north: 11.8, south: 10.3, west: 105.8, east: 106.8 };

function MapPick({ place, onPick }: { place: Place | null; onPick: (p: Place) => void }) {
  const x = place ? ((place.longitude - extent.west) / (extent.east - extent.west)) * 100 : null;
  const y = place ? ((extent.north - place.latitude) / (extent.north - extent.south)) * 100 : null;
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label="Bản đồ: chạm vào nơi xảy ra sự việc"
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const fx = (e.clientX - box.left) / box.width, fy = (e.clientY - box.top) / box.height;
        onPick({ latitude: +(extent.north - fy * (extent.north - extent.south)).toFixed(5), longitude: +(extent.west + fx * (extent.east - extent.west)).toFixed(5) });
      }}
      onKeyDown={(e) => e.key === "Enter" && onPick({ latitude: 11.31, longitude: 106.1 })}
      style={{ position: "relative", height: "10rem", borderRadius: "0.5rem", background: "repeating-linear-gradient(0deg,#e8eef8,#e8eef8 1.4rem,#dce5f3 1.4rem,#dce5f3 1.5rem)", border: "0.0625rem solid var(--line)", margin: "0 0 0.75rem" }}
    >
      {x !== null && y !== null && <span aria-hidden="true" style={{ position: "absolute", left: `${x}%`, top: `${y}%`, transform: "translate(-50%,-100%)", fontSize: "1.5rem", color: "var(--bad)" }}>▼</span>}
    </div>
  );
}

export function NewReport() {
  const categories = useLoad(() => ok(api.GET("/api/public/field-reports/categories")));
  const [categoryId, setCategoryId] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [area, setArea] = useState("");
  const [address, setAddress] = useState("");
  const [place, setPlace] = useState<Place | null>(null);
  const [placeNote, setPlaceNote] = useState("");
  const [showMap, setShowMap] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const action = useAction();
  const key = useRef(newIdempotencyKey());

  const locate = async () => {
    setPlaceNote("Đang lấy vị trí…");
    const found = await currentPlace();
    setPlace(found);
    setPlaceNote(found ? "Đã lấy vị trí hiện tại." : "Không lấy được vị trí. Hãy chạm vào bản đồ hoặc ghi địa chỉ.");
    if (!found) setShowMap(true);
  };

  const submit = () =>
    action.run(async () => {
      if (!categoryId) throw new Error("Hãy chọn loại phản ánh.");
      if (files.length > 4) throw new Error("Chỉ gửi được tối đa 4 ảnh. Hãy bỏ bớt ảnh.");
      const photos = files.length ? await upload(photoUploads, files, key.current + "-photos") : [];
      const report = await createOnce(key.current, (headers) =>
        api.POST("/api/field-reports", {
          params: { header: headers },
          body: {
            categoryId,
            title,
            description,
            latitude: place?.latitude ?? null,
            longitude: place?.longitude ?? null,
            address: address || null,
            area: area || null,
            anonymous,
            photoIds: photos.map((p) => p.id),
          },
        }),
      );
      go(`/reports/${report.report.id}`, true);
    });

  return (
    <Screen title="Gửi phản ánh">
      <ErrorBox error={categories.error} retry={categories.reload} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <section className="card">
          <div className="field">
            <label htmlFor="category">
              <span>Loại phản ánh</span>
            </label>
            <select id="category" name="category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              <option value="">Chọn loại…</option>
              {itemsOf(categories.data)
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </div>
          <Field label="Tiêu đề" name="title" value={title} onChange={setTitle} hint="Ví dụ: Đèn đường không sáng" error={fieldError(action.error, "title")} />
          <Field label="Mô tả" name="description" value={description} onChange={setDescription} multiline error={fieldError(action.error, "description")} />
          <FilePicker id="report-photos" label="Ảnh (tối đa 4)" files={files} onChange={setFiles} />
        </section>
        <section className="card" aria-labelledby="place-title">
          <h2 id="place-title" style={{ marginTop: 0 }}>
            Nơi xảy ra
          </h2>
          <Button variant="tertiary" onClick={locate}>
            Dùng vị trí hiện tại
          </Button>
          <Button variant="secondary" onClick={() => setShowMap(!showMap)}>
            {showMap ? "Ẩn bản đồ" : "Chọn trên bản đồ"}
          </Button>
          {showMap && <MapPick place={place} onPick={(p) => (setPlace(p), setPlaceNote("Đã chọn vị trí trên bản đồ."))} />}
          {placeNote && (
            <p role="status" className="muted" data-testid="place-note">
              {placeNote} {place && `(${place.latitude.toFixed(4)}, ${place.longitude.toFixed(4)})`}
            </p>
          )}
          <WardPicker value={area} onChange={setArea} />
          <Field label="Địa chỉ, mốc gần đó (nếu có)" name="address" value={address} onChange={setAddress} />
          <label className="switch">
            <span>Ẩn tên tôi với cơ quan xử lý</span>
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          </label>
        </section>
        <ErrorBox error={action.error} />
        <Button type="submit" loading={action.busy}>
          Gửi phản ánh
        </Button>
      </form>
    </Screen>
  );
}

export function MyReports() {
  const list = useLoad(() => ok(api.GET("/api/field-reports", { params: { query: { page: 1, pageSize: 50 } } })));
  return (
    <Screen title="Phản ánh của tôi">
      <PagedList
        list={list}
        empty={{ text: "Bạn chưa gửi phản ánh nào.", action: "Gửi phản ánh", href: "#/reports/new" }}
        row={(r) => <ListRow href={`#/reports/${r.id}`} title={r.title} facts={`${r.code} · ${formatDate(r.createdAt)}`} status={r.statusText} />}
      />
    </Screen>
  );
}

const answered = (s: string) => ["resolved", "Resolved", "closed", "Closed"].includes(s);

export function ReportDetail({ id }: { id: string }) {
  const detail = useLoad(() => ok(api.GET("/api/field-reports/{id}", { params: { path: { id } } })), [id]);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState("");
  const [information, setInformation] = useState("");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const action = useAction();
  const d = detail.data;
  const r = d?.report;

  const rate = () =>
    action.run(async () => {
      if (!d) return;
      if (stars < 1) throw new Error("Hãy chọn số sao (1 đến 5).");
      const updated = await ok(api.POST("/api/field-reports/{id}/rate", { params: { path: { id } }, body: { stars, message: comment || null, version: d.version } }));
      detail.set(updated);
      setMessage(stars <= 2 ? "Cảm ơn bạn đã đánh giá. Nếu sự việc chưa được xử lý xong, hãy mở lại phản ánh ở dưới." : "Cảm ơn bạn đã đánh giá.");
    });

  const reopen = () =>
    action.run(async () => {
      if (!d) return;
      if (reason.trim().length < 5) throw new Error("Hãy ghi rõ điều gì chưa được xử lý (vài chữ).");
      detail.set(await ok(api.POST("/api/field-reports/{id}/reopen", { params: { path: { id } }, body: { message: reason, version: d.version } })));
      setReason("");
      setMessage("Phản ánh đã được mở lại để cơ quan xử lý tiếp.");
    });

  const inform = () =>
    action.run(async () => {
      if (!d) return;
      const updated = await ok(api.POST("/api/field-reports/{id}/provide-information", { params: { path: { id } }, body: { message: information, version: d.version } }));
      detail.set(updated);
      setMessage("Đã gửi thông tin bổ sung.");
    });

  return (
    <Screen title="Phản ánh">
      <ErrorBox error={detail.error} retry={detail.reload} />
      {!d || !r ? (
        !detail.error && <Loading />
      ) : (
        <>
          <section className="card">
            <ReportIntro report={r} />
            <p className="muted">
              {r.code} · gửi {formatDateTime(r.createdAt)} {r.wardName && `· ${r.wardName}`}
            </p>
            {r.answer && (
              <div className="success">
                <p>Trả lời của cơ quan: {r.answer}</p>
              </div>
            )}
            <div className="thumbs">
              {r.photos.map((p, i) => (
                <ApiImage key={p.id} src={p.url} alt={`Ảnh ${i + 1} của phản ánh`} />
              ))}
            </div>
          </section>
          <Outcome message={message} />
          {d.informationRequest && (
            <section className="card" aria-labelledby="info-title">
              <h2 id="info-title" style={{ marginTop: 0 }}>
                Cơ quan cần thêm thông tin
              </h2>
              <p>{d.informationRequest}</p>
              <Field label="Thông tin bổ sung" name="information" value={information} onChange={setInformation} multiline />
              <Button loading={action.busy} onClick={inform}>
                Gửi thông tin
              </Button>
            </section>
          )}
          {may(d, "rate", () => answered(r.status) && d.rating === null) && (
            <section className="card" aria-labelledby="rate-title">
              <h2 id="rate-title" style={{ marginTop: 0 }}>
                Bạn hài lòng với cách xử lý?
              </h2>
              <div className="stars" role="group" aria-label="Số sao">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button key={n} type="button" aria-pressed={stars === n} aria-label={`${n} sao`} onClick={() => setStars(n)}>
                    {n}★
                  </button>
                ))}
              </div>
              <Field label="Góp ý (nếu có)" name="comment" value={comment} onChange={setComment} multiline />
              <Button loading={action.busy} onClick={rate}>
                Gửi đánh giá
              </Button>
            </section>
          )}
          {may(d, "reopen", () => false) && (
            <section className="card" aria-labelledby="reopen-title">
              <h2 id="reopen-title" style={{ marginTop: 0 }}>
                Sự việc chưa được xử lý xong?
              </h2>
              <Field label="Điều gì chưa được xử lý" name="reopenReason" value={reason} onChange={setReason} multiline />
              <Button variant="tertiary" loading={action.busy} onClick={reopen}>
                Mở lại phản ánh
              </Button>
            </section>
          )}
          <ErrorBox error={action.error} />
          {r.answer && <ShareReport code={r.code} title={r.title} />}
          <History id="steps-title" steps={d.history} />
        </>
      )}
    </Screen>
  );
}

/** A report's title, status and description: the citizen's own report and a published one begin alike. */
function ReportIntro({ report }: { report: { title: string; statusText: string; description: string } }) {
  return (
    <>
      <h2 style={{ marginTop: 0 }}>{report.title}</h2>
      <p>
        <Status text={report.statusText} />
      </p>
      <p>{report.description}</p>
    </>
  );
}

function ShareReport({ code, title }: { code: string; title: string }) {
  const [shared, setShared] = useState("");
  return (
    <>
      <Button
        variant="tertiary"
        onClick={async () => {
          const result = await share(title, "Phản ánh đã được trả lời: " + title, `${location.href.split("#")[0]}#/feed/${encodeURIComponent(code)}`);
          setShared(result === "copied" ? "Đã chép đường dẫn. Dán vào tin nhắn Zalo để gửi." : result === "shared" ? "Đã chia sẻ." : "");
        }}
      >
        Chia sẻ phản ánh
      </Button>
      <Outcome message={shared} />
    </>
  );
}

export function Feed() {
  const feed = useLoad(() => ok(api.GET("/api/public/field-reports", { params: { query: { page: 1, pageSize: 30 } } })));
  return (
    <Screen title="Phản ánh đã trả lời">
      <PagedList
        list={feed}
        row={(r) => (
          <ListRow href={`#/feed/${encodeURIComponent(r.code)}`} title={r.title} facts={`${r.wardName ?? ""} · ${formatDate(r.answeredAt ?? r.createdAt)}`} status={r.statusText} />
        )}
      />
    </Screen>
  );
}

export function FeedItem({ code }: { code: string }) {
  const report = useLoad(() => ok(api.GET("/api/public/field-reports/{code}", { params: { path: { code } } })), [code]);
  const r = report.data;
  return (
    <Screen title="Phản ánh">
      <ErrorBox error={report.error} retry={report.reload} />
      {!r ? (
        !report.error && <Loading />
      ) : (
        <>
          <section className="card">
            <ReportIntro report={r} />
            {r.answer && <p className="success">Trả lời: {r.answer}</p>}
            <div className="thumbs">
              {r.photos.map((p, i) => (
                <ApiImage key={p.id} src={p.url} alt={`Ảnh ${i + 1}`} />
              ))}
            </div>
          </section>
          <ShareReport code={r.code} title={r.title} />
        </>
      )}
    </Screen>
  );
}

export function Questions() {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [asking, setAsking] = useState(false);
  const [agencyId, setAgencyId] = useState("");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [sent, setSent] = useState("");
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    const t = setTimeout(() => setQuery(q), 300);
    return () => clearTimeout(t);
  }, [q]);
  const found = useLoad(() => ok(api.GET("/api/public/field-reports/questions", { params: { query: { q: query || undefined, page: 1, pageSize: 20 } } })), [query]);
  const agencies = useLoad(async () => (asking ? itemsOf(await ok(api.GET("/api/public/identity/agencies", { params: { query: { page: 1, pageSize: 100 } } }))) : []), [asking]);
  const ask = () =>
    action.run(async () => {
      if (!agencyId) throw new Error("Hãy chọn cơ quan bạn muốn hỏi.");
      await createOnce(key.current, (headers) => api.POST("/api/field-reports/questions", { params: { header: headers }, body: { agencyId, title, text } }));
      key.current = newIdempotencyKey();
      setAsking(false);
      setTitle("");
      setText("");
      setSent("Đã gửi câu hỏi. Câu trả lời sẽ có trong Hộp thư.");
    });
  return (
    <Screen title="Hỏi đáp">
      <div role="search">
        <Field label="Tìm câu hỏi" name="q" value={q} onChange={setQ} inputMode="search" hint="Gõ có dấu hoặc không dấu" />
      </div>
      {sent && (
        <p className="success" role="status">
          {sent}
        </p>
      )}
      {!asking ? (
        <Button variant="tertiary" onClick={() => setAsking(true)}>
          Đặt câu hỏi mới
        </Button>
      ) : (
        <section className="card" aria-labelledby="ask-title">
          <h2 id="ask-title" style={{ marginTop: 0 }}>
            Đặt câu hỏi
          </h2>
          <div className="field">
            <label htmlFor="agency">
              <span>Hỏi cơ quan</span>
            </label>
            <select id="agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              <option value="">Chọn cơ quan…</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <Field label="Tiêu đề" name="questionTitle" value={title} onChange={setTitle} error={fieldError(action.error, "title")} />
          <Field label="Nội dung câu hỏi" name="questionText" value={text} onChange={setText} multiline error={fieldError(action.error, "text")} />
          <ErrorBox error={action.error} />
          <Button loading={action.busy} onClick={ask}>
            Gửi câu hỏi
          </Button>
        </section>
      )}
      <ErrorBox error={found.error} retry={found.reload} />
      <ul className="list card" aria-label="Câu hỏi đã được trả lời">
        {itemsOf(found.data).length === 0 && !found.loading && <li className="muted">Chưa có câu hỏi nào khớp.</li>}
        {itemsOf(found.data).map((x) => (
          <li key={x.id} style={{ padding: "0.5rem 0" }}>
            <details>
              <summary style={{ minHeight: "2.75rem", cursor: "pointer" }}>
                <strong>{x.title}</strong>
              </summary>
              <p>{x.text}</p>
              {x.answer && <p className="success">Trả lời: {x.answer}</p>}
            </details>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
