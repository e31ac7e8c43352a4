/**
 * Stamps every incoming HTTP request with its socket peer's address (PEER_ADDRESS_HEADER), before
 * Next sees it. Node publishes each request on the `http.server.request.start` diagnostics channel
 * ahead of the server's 'request' event, with the socket; Next's handlers only get headers.
 */
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { LOCAL_ADDRESS_HEADER, PEER_ADDRESS_HEADER } from "./peer-address-header";

interface RequestStart {
  request: IncomingMessage;
  socket: Socket;
}

function stamp(message: unknown) {
  const { request, socket } = message as RequestStart;
  // Overwrite, never append: a client-sent value with this name must not survive.
  request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  const local = socket.localAddress ?? "";
  request.headers[LOCAL_ADDRESS_HEADER] = local ? `${local.includes(":") ? `[${local}]` : local}:${socket.localPort}` : "";
}

// On globalThis: dev-mode reloads re-run instrumentation, and one subscriber is enough.
const holder = globalThis as typeof globalThis & { __peerAddressStamp?: boolean };

export function installPeerAddressStamp(): void {
  if (holder.__peerAddressStamp) return;
  diagnosticsChannel.subscribe("http.server.request.start", stamp);
  holder.__peerAddressStamp = true;
}
