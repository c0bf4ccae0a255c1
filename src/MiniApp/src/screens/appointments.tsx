import { useEffect, useRef, useState } from "react";
import { api, ok, itemsOf, createOnce, newIdempotencyKey, type Schemas } from "../api/client";
import { apiBase } from "../config";
import { Screen, useLoad, useAction, Loading, ErrorBox, Field, Button, Status, go, formatDate } from "../ui";

type Office = Schemas["OfficeResponse"];

function vietnamDay(offsetDays: number): string {
  const now = new Date(Date.now() + 7 * 3600_000 + offsetDays * 86400_000);
  return now.toISOString().slice(0, 10);
}

const weekday = new Intl.DateTimeFormat("vi-VN", { weekday: "short", timeZone: "UTC" });

function useOffices() {
  return useLoad(async () => itemsOf<Office>(await ok(api.GET("/api/public/appointments/offices", { params: { query: {} } }))));
}

/** Office and service group, chosen in two taps. */
function OfficePicker({ onPick, title }: { onPick: (office: Office, groupId: string) => void; title: string }) {
  const offices = useOffices();
  const [officeId, setOfficeId] = useState("");
  const office = (offices.data ?? []).find((o) => o.id === officeId);
  return (
    <section className="card" aria-labelledby="office-title">
      <h2 id="office-title" style={{ marginTop: 0 }}>
        {title}
      </h2>
      <ErrorBox error={offices.error} retry={offices.reload} />
      {offices.loading && !offices.data && <Loading />}
      <div className="field">
        <label htmlFor="office">
          <span>Bộ phận một cửa</span>
        </label>
        <select id="office" value={officeId} onChange={(e) => setOfficeId(e.target.value)}>
          <option value="">Chọn nơi đến…</option>
          {(offices.data ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {office && <span className="hint">{office.address}</span>}
      </div>
      {office && (
        <ul className="list" aria-label="Lĩnh vực">
          {office.serviceGroups.map((g) => (
            <li key={g.id}>
              <button type="button" className="row" onClick={() => onPick(office, g.id)}>
                <strong>{g.name}</strong>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Days ahead with their free slots; a tap on a time chooses it. */
function SlotCalendar({ office, groupId, chosen, onChoose }: { office: Office; groupId: string; chosen: string; onChoose: (slotId: string, label: string) => void }) {
  const span = Math.min(Number(office.bookingHorizonDays) || 14, 14);
  // The office's availability calendar: each day with its places left (closed and blocked days say why).
  const calendar = useLoad(
    () => ok(api.GET("/api/public/appointments/offices/{officeId}/availability", { params: { path: { officeId: office.id }, query: { serviceGroupId: groupId, from: vietnamDay(0), to: vietnamDay(span - 1) } } })),
    [office.id, groupId],
  );
  const days = calendar.data?.days.map((d) => d.date) ?? Array.from({ length: span }, (_, i) => vietnamDay(i));
  const left = new Map(calendar.data?.days.map((d) => [d.date, d]) ?? []);
  const [day, setDay] = useState(vietnamDay(0));
  const slots = useLoad(() => ok(api.GET("/api/public/appointments/offices/{officeId}/slots", { params: { path: { officeId: office.id }, query: { serviceGroupId: groupId, day } } })), [office.id, groupId, day]);
  const free = itemsOf(slots.data).filter((s) => Number(s.placesLeft) > 0);
  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title" style={{ marginTop: 0 }}>
        Chọn ngày và giờ
      </h2>
      <ul className="days" aria-label="Ngày">
        {days.map((d) => (
          <li key={d}>
            <button type="button" className="day" aria-pressed={d === day} onClick={() => setDay(d)} disabled={left.get(d)?.placesLeft === 0}>
              {weekday.format(new Date(d + "T00:00:00Z"))}
              <br />
              {d.slice(8, 10)}/{d.slice(5, 7)}
              {left.has(d) && <small style={{ display: "block" }}>{left.get(d)!.placesLeft > 0 ? `còn ${left.get(d)!.placesLeft}` : "hết chỗ"}</small>}
            </button>
          </li>
        ))}
      </ul>
      <ErrorBox error={slots.error} retry={slots.reload} />
      {slots.loading && !slots.data ? (
        <Loading />
      ) : free.length === 0 ? (
        <p className="muted">Ngày này đã hết chỗ hoặc không làm việc. Hãy chọn ngày khác.</p>
      ) : (
        <ul className="slots" aria-label="Giờ còn chỗ">
          {free.map((s) => (
            <li key={s.id}>
              <button type="button" className="slot" aria-pressed={s.id === chosen} onClick={() => onChoose(s.id, `${s.start.slice(0, 5)} ngày ${formatDate(s.day)}`)}>
                {s.start.slice(0, 5)}
                <span className="visually-hidden">, còn {s.placesLeft} chỗ</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Appointments() {
  const bookings = useLoad(() => ok(api.GET("/api/appointments/bookings", { params: { query: { page: 1, pageSize: 20 } } })));
  const [picked, setPicked] = useState<{ office: Office; groupId: string } | null>(null);
  const [slot, setSlot] = useState({ id: "", label: "" });
  const prefill = useLoad(() => ok(api.GET("/api/identity/me")));
  const [fullName, setFullName] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const name = fullName ?? prefill.data?.fullName ?? prefill.data?.zaloName ?? "";
  const phoneNumber = phone ?? prefill.data?.phoneNumber ?? "";

  const book = () =>
    action.run(async () => {
      if (!slot.id) throw new Error("Hãy chọn giờ hẹn.");
      const booking = await createOnce(key.current, (headers) =>
        api.POST("/api/appointments/bookings", { params: { header: headers }, body: { slotId: slot.id, procedureCode: null, dossierId: null, fullName: name, phoneNumber } }),
      );
      go(`/bookings/${booking.id}`, true);
    });

  return (
    <Screen title="Đặt lịch hẹn">
      {itemsOf(bookings.data).length > 0 && (
        <section className="card" aria-labelledby="my-bookings">
          <h2 id="my-bookings" style={{ marginTop: 0 }}>
            Lịch hẹn của tôi
          </h2>
          <ul className="list">
            {itemsOf(bookings.data).map((b) => (
              <li key={b.id}>
                <a className="row" href={`#/bookings/${b.id}`}>
                  <strong>
                    {b.start.slice(0, 5)} ngày {formatDate(b.day)}
                  </strong>
                  <br />
                  {b.officeName}
                  <br />
                  <Status text={b.statusText} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <OfficePicker title="Hẹn mới" onPick={(office, groupId) => (setPicked({ office, groupId }), setSlot({ id: "", label: "" }))} />
      {picked && <SlotCalendar office={picked.office} groupId={picked.groupId} chosen={slot.id} onChoose={(id, label) => setSlot({ id, label })} />}
      {picked && slot.id && (
        <section className="card" aria-labelledby="confirm-title">
          <h2 id="confirm-title" style={{ marginTop: 0 }}>
            Xác nhận lịch hẹn lúc {slot.label}
          </h2>
          <Field label="Họ và tên" name="bookingName" value={name} onChange={setFullName} autoComplete="name" />
          <Field label="Số điện thoại" name="bookingPhone" value={phoneNumber} onChange={setPhone} inputMode="tel" autoComplete="tel" />
          <ErrorBox error={action.error} />
          <Button loading={action.busy} onClick={book}>
            Đặt lịch
          </Button>
        </section>
      )}
    </Screen>
  );
}

export function BookingDetail({ id }: { id: string }) {
  const booking = useLoad(() => ok(api.GET("/api/appointments/bookings/{id}", { params: { path: { id } } })), [id]);
  const offices = useOffices();
  const [rescheduling, setRescheduling] = useState(false);
  const [slot, setSlot] = useState({ id: "", label: "" });
  const action = useAction();
  const b = booking.data;
  const office = (offices.data ?? []).find((o) => o.id === b?.officeId);

  const cancel = () =>
    action.run(async () => {
      if (!b) return;
      booking.set(await ok(api.POST("/api/appointments/bookings/{id}/cancel", { params: { path: { id } }, body: { version: b.version } })));
    });
  const reschedule = () =>
    action.run(async () => {
      if (!b || !slot.id) throw new Error("Hãy chọn giờ mới.");
      booking.set(await ok(api.POST("/api/appointments/bookings/{id}/reschedule", { params: { path: { id } }, body: { slotId: slot.id, version: b.version } })));
      setRescheduling(false);
    });

  return (
    <Screen title="Lịch hẹn">
      <ErrorBox error={booking.error} retry={booking.reload} />
      {!b ? (
        !booking.error && <Loading />
      ) : (
        <>
          <section className="card">
            <h2 style={{ marginTop: 0 }} data-testid="booking-time">
              {b.start.slice(0, 5)} ngày {formatDate(b.day)}
            </h2>
            <p>
              <Status text={b.statusText} />
            </p>
            <dl className="facts">
              <dt>Mã hẹn</dt>
              <dd>{b.code}</dd>
              <dt>Nơi đến</dt>
              <dd>
                {b.officeName} ({b.serviceGroupName})
              </dd>
              <dt>Người đến</dt>
              <dd>{b.fullName}</dd>
            </dl>
          </section>
          <ErrorBox error={action.error} />
          {b.allowedActions.includes("reschedule") && !rescheduling && (
            <Button variant="tertiary" onClick={() => setRescheduling(true)}>
              Đổi giờ hẹn
            </Button>
          )}
          {rescheduling && office && (
            <>
              <SlotCalendar office={office} groupId={b.serviceGroupId} chosen={slot.id} onChoose={(sid, label) => setSlot({ id: sid, label })} />
              <Button loading={action.busy} onClick={reschedule}>
                Đổi sang {slot.label || "giờ đã chọn"}
              </Button>
            </>
          )}
          {b.allowedActions.includes("cancel") && (
            <Button variant="danger" loading={action.busy} onClick={cancel}>
              Hủy lịch hẹn
            </Button>
          )}
        </>
      )}
    </Screen>
  );
}

export function Queue() {
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const take = (office: Office, groupId: string) =>
    action.run(async () => {
      const ticket = await createOnce(key.current, (headers) => api.POST("/api/appointments/tickets", { params: { header: headers }, body: { officeId: office.id, serviceGroupId: groupId, priority: null } }));
      go(`/tickets/${ticket.id}`, true);
    });
  const mine = useLoad(() => ok(api.GET("/api/appointments/tickets", { params: { query: { page: 1, pageSize: 5 } } })));
  const today = itemsOf(mine.data).filter((t) => t.day === vietnamDay(0) && !["cancelled", "done", "skipped"].includes(t.status));
  return (
    <Screen title="Lấy số thứ tự">
      {today.length > 0 && (
        <section className="card" aria-labelledby="my-tickets">
          <h2 id="my-tickets" style={{ marginTop: 0 }}>
            Số đã lấy hôm nay
          </h2>
          <ul className="list">
            {today.map((t) => (
              <li key={t.id}>
                <a className="row" href={`#/tickets/${t.id}`}>
                  <strong>{t.number}</strong> · {t.officeName} <Status text={t.statusText} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <OfficePicker title="Lấy số tại" onPick={take} />
      {action.busy && <Loading label="Đang lấy số…" />}
      <ErrorBox error={action.error} />
    </Screen>
  );
}

type NowServing = Schemas["NowServingResponse"];

export function Ticket({ id }: { id: string }) {
  const ticket = useLoad(() => ok(api.GET("/api/appointments/tickets/{id}", { params: { path: { id } } })), [id]);
  const cancel = useAction();
  const [now, setNow] = useState<NowServing | null>(null);
  const [live, setLive] = useState(false);
  const t = ticket.data;
  useEffect(() => {
    if (!t) return;
    // The number being served, pushed by the server (server-sent events); EventSource reconnects by itself.
    const source = new EventSource(`${apiBase}/api/public/appointments/offices/${t.officeId}/now-serving/stream`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    // The server names its events "now-serving"; unnamed ones are taken too.
    const onScreen = (e: MessageEvent<string>) => {
      setNow(JSON.parse(e.data) as NowServing);
      ticket.reload();
    };
    source.addEventListener("now-serving", onScreen);
    source.onmessage = onScreen;
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t?.officeId]);
  const group = now?.groups.find((g) => g.serviceGroupId === t?.serviceGroupId);
  const ahead = t ? Number(t.ahead) : 0;
  return (
    <Screen title="Số thứ tự của bạn">
      <ErrorBox error={ticket.error} retry={ticket.reload} />
      {!t ? (
        !ticket.error && <Loading />
      ) : (
        <>
          <section className="card" style={{ textAlign: "center" }}>
            <p>Số của bạn tại {t.officeName}</p>
            <p className="big-number" data-testid="ticket-number">
              {t.number}
            </p>
            <p>
              <Status text={t.statusText} />
            </p>
            {t.counterName && <p className="success">Mời bạn đến {t.counterName}</p>}
          </section>
          {!t.counterName && ahead <= 3 && t.status === "waiting" && (
            <p className="notice" role="alert" data-testid="turn-near">
              Sắp đến lượt bạn: còn {ahead} người phía trước. Hãy đến gần quầy.
            </p>
          )}
          <section className="card" aria-live="polite">
            <h2 style={{ marginTop: 0 }}>Đang phục vụ</h2>
            <p className="big-number" data-testid="now-serving">
              {group?.nowServing ?? "—"}
            </p>
            <p className="muted">
              Còn {ahead} người trước bạn{Number(t.estimatedWaitMinutes) > 0 ? `, khoảng ${t.estimatedWaitMinutes} phút` : ""}. {live ? "Tự cập nhật." : "Đang kết nối lại…"}
            </p>
          </section>
          <ErrorBox error={cancel.error} />
          {t.allowedActions?.includes("cancel") && (
            <Button variant="danger" loading={cancel.busy} onClick={() => cancel.run(async () => ticket.set(await ok(api.POST("/api/appointments/tickets/{id}/cancel", { params: { path: { id } } }))))}>
              Hủy số này
            </Button>
          )}
        </>
      )}
    </Screen>
  );
}
