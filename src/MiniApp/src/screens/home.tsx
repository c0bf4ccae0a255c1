import { api, ok, itemsOf } from "../api/client";
import { insideZalo } from "../platform";
import { Screen, useLoad, formatDate } from "../ui";

// One stroke icon per tile (24×24 paths): small, sharp at any text size, no icon font to download.
const icons: Record<string, string> = {
  file: "M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8",
  folder: "M3 6h7l2 2h9v12H3z",
  search: "M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM15.5 15.5 21 21",
  pin: "M12 22s7-6.5 7-12a7 7 0 0 0-14 0c0 5.5 7 12 7 12zM12 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z",
  list: "M8 6h13M8 12h13M8 18h13M3 6h1M3 12h1M3 18h1",
  check: "M4 12l5 5L20 6",
  chat: "M4 5h16v11H9l-5 4z",
  calendar: "M4 6h16v15H4zM4 10h16M8 3v5M16 3v5",
  ticket: "M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM10 7v10",
  inbox: "M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5",
  qr: "M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2",
  user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
};

export function Icon({ name }: { name: keyof typeof icons }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" style={{ color: "var(--brand)" }}>
      <path d={icons[name]} />
    </svg>
  );
}

const tiles: { to: string; label: string; icon: keyof typeof icons }[] = [
  { to: "/procedures", label: "Nộp hồ sơ trực tuyến", icon: "file" },
  { to: "/dossiers", label: "Hồ sơ của tôi", icon: "folder" },
  { to: "/lookup", label: "Tra cứu hồ sơ", icon: "search" },
  { to: "/reports/new", label: "Gửi phản ánh", icon: "pin" },
  { to: "/reports", label: "Phản ánh của tôi", icon: "list" },
  { to: "/feed", label: "Phản ánh đã trả lời", icon: "check" },
  { to: "/questions", label: "Hỏi đáp", icon: "chat" },
  { to: "/appointments", label: "Đặt lịch hẹn", icon: "calendar" },
  { to: "/queue", label: "Lấy số thứ tự", icon: "ticket" },
  { to: "/inbox", label: "Hộp thư", icon: "inbox" },
  { to: "/scan", label: "Quét mã QR", icon: "qr" },
  { to: "/settings", label: "Tài khoản, cỡ chữ", icon: "user" },
];

function signedIn(): boolean {
  return insideZalo || sessionStorage.getItem("province.simulatorToken") !== null;
}

export function Home() {
  const latest = useLoad(() => ok(api.GET("/api/public/field-reports", { params: { query: { page: 1, pageSize: 3 } } })));
  const inbox = useLoad(async () => (signedIn() ? (await ok(api.GET("/api/notifications/unread-count"))).unreadCount : 0));
  const unread = inbox.data ?? 0;
  return (
    <Screen title="Dịch vụ công Tây Ninh" back={false}>
      <p className="muted">Xin chào! Chọn việc bạn cần làm.</p>
      {unread > 0 && (
        <a className="notice" style={{ display: "block" }} href="#/inbox" data-testid="alert">
          Bạn có {unread} thông báo mới. Bấm để xem.
        </a>
      )}
      <nav aria-label="Các dịch vụ">
        <ul className="tiles" data-testid="home-tiles">
          {tiles.map((t) => (
            <li key={t.to}>
              <a className="tile" href={"#" + t.to}>
                <Icon name={t.icon} />
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="card" aria-labelledby="latest-title">
        <h2 id="latest-title" style={{ marginTop: 0 }}>
          Phản ánh vừa được trả lời
        </h2>
        {latest.error ? (
          <p className="muted">Chưa tải được. Kéo xuống hoặc mở lại để thử lại.</p>
        ) : (
          <ul className="list">
            {itemsOf(latest.data).map((r) => (
              <li key={r.id}>
                <a className="row" href={`#/feed/${encodeURIComponent(r.code)}`}>
                  <strong>{r.title}</strong>
                  <br />
                  <small>
                    {r.statusText} · {formatDate(r.answeredAt ?? r.createdAt)}
                  </small>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}
