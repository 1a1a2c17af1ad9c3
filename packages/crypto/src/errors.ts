export type TokenErrorCode = "MALFORMED" | "UNKNOWN_KEY_ID" | "AUTH_FAILED";

const TOKEN_ERROR_MESSAGES: Record<TokenErrorCode, string> = {
  MALFORMED: "The token is not a well-formed v1 token.",
  UNKNOWN_KEY_ID: "The token was written under a secret this server does not hold.",
  AUTH_FAILED: "The token failed authentication: it was altered, or its additional data does not match.",
};

/** The only error `decrypt` ever throws. Messages are fixed text: never any part of the token. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  readonly code: TokenErrorCode;

  constructor(code: TokenErrorCode) {
    super(TOKEN_ERROR_MESSAGES[code]);
    this.code = code;
  }
}

/** A secret in the configuration is missing or malformed. Names the variable, never its value. */
export class TokenConfigError extends Error {
  override readonly name = "TokenConfigError";
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.variable = variable;
  }
}
