/** The signed-in user, as pages, handlers and islands see it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** The verified credentials behind a request or socket. */
export interface Session {
  user: SessionUser;
  /** The token's `jti`, used to revoke it. */
  jti: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAt: number;
}

/** `ctx.state` of every request, filled by `routes/_middleware.ts`. */
export interface AppState {
  session?: Session;
}
