export const SESSION_COOKIE = "byok_session";
