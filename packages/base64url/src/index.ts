export { fromBase64url, toBase64url } from "./base64url";
