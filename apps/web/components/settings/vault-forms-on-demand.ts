"use client";

import dynamic from "next/dynamic";

/*
 * The vault's occasional forms: creating a vault happens once per browser, and the password change,
 * backup and reset rarely. They load when a screen first shows them, so the API Keys page's first
 * script carries only what every visit uses (docs/ui.md, "Page weight").
 */
export const VaultCreateForm = dynamic(() =>
  import("~/components/settings/vault-create-form").then((m) => m.VaultCreateForm),
);
export const ChangePasswordForm = dynamic(() =>
  import("~/components/settings/change-password-form").then((m) => m.ChangePasswordForm),
);
export const BackupExportButton = dynamic(() =>
  import("~/components/settings/backup-section").then((m) => m.BackupExportButton),
);
export const BackupImportForm = dynamic(() =>
  import("~/components/settings/backup-section").then((m) => m.BackupImportForm),
);
export const ResetVaultButton = dynamic(() =>
  import("~/components/settings/reset-vault-button").then((m) => m.ResetVaultButton),
);
