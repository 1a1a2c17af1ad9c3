export { userIdForEmail } from "./account-id";
export {
  createAccountStore,
  AccountNotFoundError,
  type Account,
  type AccountStore,
  type AccountStoreOptions,
  type AccountUpsert,
} from "./account-store";
