import { useState } from "react";
import { api, ok, itemsOf } from "../api/client";
import { askForMessages, insideZalo, phoneNumberToken, scanQr } from "../platform";
import { applyPrefs, loadPrefs } from "../prefs";
import type { components } from "../api/schema";
import { Screen, useLoad, useAction, Loading, ErrorBox, Field, Button, Outcome, go, formatDateTime } from "../ui";

/** Where a notification leads: the item it is about (itemKind + itemId), or nowhere. */
function notificationHref(n: { itemKind?: string | null; itemId?: string | null }): string | null {
  if (!n.itemId || !n.itemKind) return null;
  const kind = n.itemKind.toLowerCase();
  if (kind.includes("dossier")) return `#/dossiers/${n.itemId}`;
  if (kind.includes("report")) return `#/reports/${n.itemId}`;
  if (kind.includes("booking")) return `#/bookings/${n.itemId}`;
  if (kind.includes("ticket")) return `#/tickets/${n.itemId}`;
  return null;
}

export function Inbox() {
  const inbox = useLoad(() => ok(api.GET("/api/notifications", { params: { query: { page: 1, pageSize: 50 } } })));
  const markRead = (id: string) => void ok(api.POST("/api/notifications/{id}/read", { params: { path: { id } } })).catch(() => undefined);
  const readAll = async () => {
    await ok(api.POST("/api/notifications/read-all")).catch(() => undefined);
    inbox.reload();
  };
  const unread = itemsOf(inbox.data).filter((n) => !n.read).length;
  return (
    <Screen title="Hộp thư">
      <ErrorBox error={inbox.error} retry={inbox.reload} />
      {unread > 0 && (
        <Button variant="secondary" onClick={readAll}>
          Đánh dấu đã đọc tất cả ({unread})
        </Button>
      )}
      {inbox.loading && !inbox.data ? (
        <Loading />
      ) : (
        <ul className="list card">
          {itemsOf(inbox.data).length === 0 && <li className="muted">Chưa có thông báo nào.</li>}
          {itemsOf(inbox.data).map((n) => {
            const href = notificationHref(n);
            const content = (
              <>
                <strong>
                  {!n.read && <span className="visually-hidden">Chưa đọc: </span>}
                  {n.title}
                </strong>
                <br />
                <span>{n.body}</span>
                <br />
                <small>{formatDateTime(n.createdAt)}</small>
              </>
            );
            return (
              <li key={n.id} style={n.read ? undefined : { fontWeight: 600 }}>
                {href ? (
                  <a className="row" href={href} onClick={() => !n.read && markRead(n.id)}>
                    {content}
                  </a>
                ) : (
                  <button type="button" className="row" onClick={() => !n.read && (markRead(n.id), inbox.reload())}>
                    {content}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Screen>
  );
}

/** Turns what a QR code holds into a screen: a receipt's lookup link, a ticket, a dossier code. */
export function routeForCode(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  const lookup = value.match(/lookup\/([^/?#]+)\?(?:.*&)?secret=([^&#]+)/) ?? value.match(/lookup\?code=([^&#]+)&secret=([^&#]+)/);
  if (lookup) return `/lookup?code=${lookup[1]}&secret=${lookup[2]}`;
  const ticket = value.match(/tickets\/([0-9a-f-]{36})/i);
  if (ticket) return `/tickets/${ticket[1]}`;
  const code = value.match(/^([A-Za-z0-9.]+-\d{6}-\d{4})(?:\s+(\S+))?$/);
  if (code) return `/lookup?code=${encodeURIComponent(code[1])}&secret=${encodeURIComponent(code[2] ?? "")}`;
  return null;
}

export function Scan() {
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const open = (value: string) => {
    const to = routeForCode(value);
    if (to) go(to, true);
    else setError("Không đọc được mã này. Hãy quét mã QR trên giấy tiếp nhận hồ sơ hoặc phiếu số thứ tự.");
  };
  return (
    <Screen title="Quét mã QR">
      {insideZalo && (
        <Button
          onClick={async () => {
            const content = await scanQr();
            if (content) open(content);
          }}
        >
          Mở máy ảnh để quét
        </Button>
      )}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          open(text);
        }}
      >
        <Field label="Hoặc nhập, dán mã" name="code" value={text} onChange={setText} hint="Đường dẫn tra cứu, hoặc mã hồ sơ rồi mã tra cứu cách nhau một dấu cách" />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit">Mở</Button>
      </form>
    </Screen>
  );
}

export function Settings() {
  const [prefs, setPrefs] = useState(loadPrefs);
  const profile = useLoad(() => ok(api.GET("/api/identity/me")));
  const [fullName, setFullName] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const action = useAction();
  const p = profile.data;
  const update = (next: typeof prefs) => {
    setPrefs(next);
    applyPrefs(next);
  };
  const verifyPhone = () =>
    action.run(async () => {
      const token = await phoneNumberToken();
      profile.set(await ok(api.POST("/api/identity/me/phone-number", { body: { token } })));
      setMessage("Đã xác nhận số điện thoại từ Zalo.");
    });
  const save = () =>
    action.run(async () => {
      if (!p) return;
      profile.set(
        await ok(
          api.PATCH("/api/identity/me", { body: { fullName: fullName ?? p.fullName, version: p.version } }),
        ),
      );
      setFullName(null);
      setMessage("Đã lưu.");
    });
  return (
    <Screen title="Tài khoản, cỡ chữ">
      <section className="card" aria-labelledby="display-title">
        <h2 id="display-title" style={{ marginTop: 0 }}>
          Hiển thị
        </h2>
        <label className="switch">
          <span>Chữ lớn</span>
          <input type="checkbox" checked={prefs.largeText} onChange={(e) => update({ ...prefs, largeText: e.target.checked })} data-testid="large-text" />
        </label>
        <label className="switch">
          <span>Tương phản cao</span>
          <input type="checkbox" checked={prefs.highContrast} onChange={(e) => update({ ...prefs, highContrast: e.target.checked })} />
        </label>
      </section>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title" style={{ marginTop: 0 }}>
          Tài khoản Zalo
        </h2>
        <ErrorBox error={profile.error} retry={profile.reload} />
        {!p ? (
          !profile.error && <Loading label="Đang đăng nhập bằng Zalo…" />
        ) : (
          <>
            <Field label="Họ và tên" name="profileName" value={fullName ?? p.fullName ?? p.zaloName ?? ""} onChange={setFullName} autoComplete="name" />
            <dl className="facts">
              <dt>Số điện thoại</dt>
              <dd data-testid="phone">{p.phoneNumber ? `${p.phoneNumber}${p.phoneNumberVerified ? " (đã xác nhận)" : ""}` : "Chưa có"}</dd>
            </dl>
            {!p.phoneNumberVerified && (
              <Button variant="tertiary" loading={action.busy} onClick={verifyPhone}>
                Lấy số điện thoại từ Zalo
              </Button>
            )}
            <Button loading={action.busy} onClick={save}>
              Lưu
            </Button>
          </>
        )}
        <Outcome error={action.error} message={message} />
      </section>
      <ZaloMessageChoices />
    </Screen>
  );
}

type ZaloPreferences = components["schemas"]["ZaloPreferencesResponse"];

/**
 * Which messages come through Zalo as well as the inbox. Choosing one inside Zalo asks Zalo's own permission
 * (requestSendNotification); the answer is saved beside the choice so staff can see why a message was not sent.
 */
function ZaloMessageChoices() {
  const saved = useLoad(() => ok(api.GET("/api/notifications/zalo-preferences")));
  const [draft, setDraft] = useState<ZaloPreferences | null>(null);
  const [message, setMessage] = useState("");
  const action = useAction();
  const current = draft ?? saved.data;
  const change = (next: ZaloPreferences) => {
    setDraft(next);
    setMessage("");
  };
  const save = () =>
    action.run(async () => {
      if (!current) return;
      const kinds = current.kinds.filter((k) => k.chosen && k.available).map((k) => k.kind);
      const allowed = kinds.length > 0 ? await askForMessages() : null;
      saved.set(
        await ok(
          api.PUT("/api/notifications/zalo-preferences", {
            body: {
              kinds,
              quietHours: current.quietHours,
              notificationsAllowedInZalo: allowed ?? current.notificationsAllowedInZalo,
              followsOfficialAccount: current.followsOfficialAccount,
            },
          }),
        ),
      );
      setDraft(null);
      setMessage(allowed === false ? "Đã lưu. Zalo chưa cho phép gửi tin: tin vẫn có trong Hộp thư." : "Đã lưu lựa chọn nhận tin.");
    });
  return (
    <section className="card" aria-labelledby="zalo-messages-title">
      <h2 id="zalo-messages-title" style={{ marginTop: 0 }}>
        Nhận tin qua Zalo
      </h2>
      <p className="muted">Hộp thư trong ứng dụng luôn có mọi tin. Chọn thêm những tin muốn nhận qua Zalo:</p>
      <ErrorBox error={saved.error} retry={saved.reload} />
      {!current ? (
        !saved.error && <Loading />
      ) : (
        <>
          {current.kinds.filter((k) => k.available).length === 0 && <p>Tỉnh chưa gửi tin qua Zalo. Mọi tin vẫn có trong Hộp thư.</p>}
          {/* Only the kinds the province sends through Zalo: a list of unavailable ones would only confuse. */}
          {current.kinds
            .filter((choice) => choice.available)
            .map((choice) => (
              <label className="switch" key={choice.kind}>
                <span>{choice.text}</span>
                <input
                  type="checkbox"
                  name={`zalo-${choice.kind}`}
                  checked={choice.chosen}
                  onChange={(e) => change({ ...current, kinds: current.kinds.map((k) => (k.kind === choice.kind ? { ...k, chosen: e.target.checked } : k)) })}
                />
              </label>
            ))}
          <label className="switch">
            <span>Không nhận tin ban đêm (tin gấp vẫn gửi)</span>
            <input type="checkbox" name="quietHours" checked={current.quietHours} onChange={(e) => change({ ...current, quietHours: e.target.checked })} />
          </label>
          <Button loading={action.busy} onClick={save}>
            Lưu lựa chọn nhận tin
          </Button>
        </>
      )}
      <Outcome error={action.error} message={message} />
    </section>
  );
}
