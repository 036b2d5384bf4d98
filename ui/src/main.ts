// Must stay the first import: it repairs an invalid system locale before other modules load.
import "./lib/locale-guard";
import { mount } from "svelte";
import App from "./App.svelte";
import { applyRememberedPreferences } from "./lib/preferences.svelte";
import { prefetchHomeInfo } from "./screens/home/home.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

// The language and theme last used on this machine apply before anything is drawn; the shell
// then waits for the library's own settings before it draws (keys pressed meanwhile still count).
applyRememberedPreferences();
const app = mount(App, { target });
// Home's counts are asked for now, beside the preferences the shell waits for.
prefetchHomeInfo();
export default app;
