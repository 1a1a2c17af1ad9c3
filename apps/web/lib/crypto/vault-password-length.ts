/**
 * The shortest vault password the vault accepts. A module of its own so that the forms can state
 * the rule without pulling the vault's code (Web Crypto, IndexedDB) into the page's first load.
 */
export const MIN_PASSWORD_LENGTH = 10;
