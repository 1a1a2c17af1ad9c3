/** Account passwords (not the vault's): long enough to resist online guessing behind our limits. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
