import { useRoute } from "./ui";
import { Home } from "./screens/home";
import { ProcedureSearch, ProcedureDetail, SubmitDossier } from "./screens/procedures";
import { Receipt, MyDossiers, DossierDetail, Lookup } from "./screens/dossiers";
import { NewReport, MyReports, ReportDetail, Feed, FeedItem, Questions } from "./screens/reports";
import { Appointments, BookingDetail, Queue, Ticket } from "./screens/appointments";
import { Inbox, Scan, Settings } from "./screens/misc";

export function App() {
  const { path, query } = useRoute();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  switch (first) {
    case undefined:
      return <Home />;
    case "procedures":
      if (second && third === "submit") return <SubmitDossier code={second} />;
      if (second) return <ProcedureDetail code={second} />;
      return <ProcedureSearch initial={query.get("q") ?? ""} />;
    case "dossiers":
      if (second && third === "receipt") return <Receipt id={second} />;
      if (second) return <DossierDetail key={second} id={second} />;
      return <MyDossiers />;
    case "lookup":
      return <Lookup code={query.get("code") ?? second ?? ""} secret={query.get("secret") ?? ""} />;
    case "reports":
      if (second === "new") return <NewReport />;
      if (second) return <ReportDetail id={second} />;
      return <MyReports />;
    case "feed":
      return second ? <FeedItem code={second} /> : <Feed />;
    case "questions":
      return <Questions />;
    case "appointments":
      return <Appointments />;
    case "bookings":
      return second ? <BookingDetail id={second} /> : <Appointments />;
    case "queue":
      return <Queue />;
    case "tickets":
      return second ? <Ticket id={second} /> : <Queue />;
    case "inbox":
      return <Inbox />;
    case "scan":
      return <Scan />;
    case "settings":
      return <Settings />;
    default:
      return <Home />;
  }
}
