import Link from "next/link";
import { failureReasonSchema, type FailureReason } from "@byok/types";
import { Badge } from "~/components/ui/badge";
import { attributionBadgeText, endedStageReason, modelLabel } from "~/components/recordings/attribution-label";
import type { StageState } from "~/components/recordings/recording-view";

const STAGE_STATUS_TEXT: Record<StageState["status"], string> = {
  pending: "Waiting",
  processing: "In progress",
  completed: "Done",
  failed: "Failed",
};

/** Reasons the user fixes on the API Keys page rather than by waiting. */
const KEY_PROBLEMS: ReadonlySet<FailureReason> = new Set([
  "invalid_key",
  "quota_exceeded",
  "billing_required",
  "account_disabled",
  "permission_denied",
  "no_user_key",
]);

export function StageCard({
  stage,
  title,
  testId,
  recordingFailed,
}: {
  stage: StageState;
  title: string;
  testId: string;
  recordingFailed: boolean;
}) {
  const attribution = stage.attribution;
  const badge = attribution ? attributionBadgeText(attribution) : null;
  const reason = stage.error ? failureReasonSchema.safeParse(stage.error.reason) : null;
  const errorText = stage.error ? (reason?.success ? endedStageReason(reason.data) : stage.error.message) : null;
  const keyProblem = reason?.success === true && KEY_PROBLEMS.has(reason.data);
  const statusText = recordingFailed && stage.status === "pending" ? "Not run" : STAGE_STATUS_TEXT[stage.status];
  const fallbackText =
    attribution?.keySource === "server" && attribution.fallbackReason ? endedStageReason(attribution.fallbackReason) : null;

  return (
    <div className="ui-stage" data-testid={testId} data-stage-status={stage.status}>
      <div className="ui-stage-head">
        <h3>{title}</h3>
        <div className="ui-row">
          {badge ? (
            <Badge tone={badge.tone} testId={`${testId}-payer`}>
              {badge.text}
            </Badge>
          ) : null}
          <Badge tone={stage.status === "failed" ? "danger" : stage.status === "completed" ? "ok" : "neutral"}>
            {statusText}
          </Badge>
        </div>
      </div>
      <progress max={100} value={stage.progress} aria-label={`${title} progress`}>
        {stage.progress}%
      </progress>
      {attribution ? (
        <p className="ui-muted ui-small" data-testid={`${testId}-model`}>
          {modelLabel(attribution)}
        </p>
      ) : null}
      {fallbackText ? <p className="ui-small ui-alert ui-alert-warn">Why: {fallbackText}</p> : null}
      {errorText ? (
        <p className="ui-small ui-alert ui-alert-error">
          <span data-testid={`${testId}-error`}>{errorText}</span>
          {keyProblem ? (
            <>
              {" "}
              <Link href="/settings/api-keys">Update your key</Link>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
