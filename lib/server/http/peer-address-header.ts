/**
 * The request header that carries the socket peer's address into route handlers (Next does not
 * expose the socket). Always overwritten by the server, so a client cannot choose its value.
 */
export const PEER_ADDRESS_HEADER = "x-playground-peer-address";

/**
 * The address and port the request arrived on (host:port, IPv6 in brackets), stamped the same way:
 * the share-page cache renders a page by asking this same server, at this address.
 */
export const LOCAL_ADDRESS_HEADER = "x-playground-local-address";
