// Must stay the first import: it repairs an invalid system locale before other modules load.
import "./lib/locale-guard";
import { mount } from "svelte";
import App from "./App.svelte";
import { applyRememberedPreferences, loadPreferences } from "./lib/preferences.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

// The saved language and theme are applied before anything is drawn: first the ones last used
// on this machine (synchronously), then the library's, before the shell is mounted.
applyRememberedPreferences();
export default loadPreferences().then(() => mount(App, { target }));
