/** better-auth's session cookie under our prefix; `__Secure-` when the app runs behind https. */
export const SESSION_COOKIES = ["byok.session_token", "__Secure-byok.session_token"] as const;
