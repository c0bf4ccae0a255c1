import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { applyPrefs, loadPrefs } from "./prefs";
import "./styles.css";

applyPrefs(loadPrefs());
createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
