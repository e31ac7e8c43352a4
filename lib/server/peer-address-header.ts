/**
 * The request header that carries the socket peer's address into route handlers (Next does not
 * expose the socket). Always overwritten by the server, so a client cannot choose its value.
 */
export const PEER_ADDRESS_HEADER = "x-playground-peer-address";
