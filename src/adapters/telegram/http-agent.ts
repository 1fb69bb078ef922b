/**
 * The HTTP agent both adapters make Bot API calls through. It keeps connections alive, as the
 * frameworks' own agents do, but retires a connection that has been idle for 5 s, or 1 s before
 * the server's `Keep-Alive: timeout` hint (Node's agent does that once it has a timeout of its
 * own; it is what Node's global agent does by default since Node 19).
 *
 * The frameworks' agents have no timeout, so they keep an idle connection until the server closes
 * it, and a call written as the server closes it fails with a network error and waits for a
 * retry: 3 s with grammY's auto-retry. In the bench (issue 6), seven of 48 grammY bursts had an
 * update whose reply went out about 3 s late, on a connection idle for about as long as the fake
 * Bot API's 5 s keep-alive (bench/README.md).
 */
import http from "node:http";
import https from "node:https";

/** Longest a connection to the Bot API stays open unused, ms. */
export const API_IDLE_TIMEOUT_MS = 5_000;

const agents = new Map<string, http.Agent>();

/** The agent for calls to `apiRoot` (one per protocol, shared by every client in the process). */
export function apiAgentFor(apiRoot: string): http.Agent {
  const secure = apiRoot.startsWith("https:");
  const key = secure ? "https" : "http";
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: API_IDLE_TIMEOUT_MS };
    agent = secure ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}
