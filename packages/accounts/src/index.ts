export { userIdForEmail } from "./account-id";
export {
  accountSchema,
  createAccountStore,
  AccountNotFoundError,
  type Account,
  type AccountStore,
  type AccountStoreOptions,
  type AccountUpsert,
} from "./account-store";
