// '@microsoft/signalr' for browsers, through an import map:
//   <script type="importmap">{ "imports": { "@microsoft/signalr": "./lib/signalr-browser.js" } }</script>
// The package's ES module build imports files without extensions, which browsers cannot load, so this loads
// its browser build (lib/signalr/signalr.min.js, which sets globalThis.signalR) and re-exports what the client uses.
import './signalr/signalr.min.js';

const signalR = globalThis.signalR;

export const { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel } = signalR;
export default signalR;
