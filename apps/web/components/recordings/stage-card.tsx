import { Badge } from "~/components/ui/badge";
import { attributionBadgeText, endedStageReason, modelLabel } from "~/components/recordings/attribution-label";
import type { StageState } from "~/components/recordings/recording-view";
import { describeStageFailure, type FailedCallView } from "~/components/recordings/stage-failure";
import { StageFailureNote } from "~/components/recordings/stage-failure-note";
import { PAID_BY_TEXT, type PaidBy } from "~/components/usage/usage-labels";
import { formatCount, formatUsd } from "~/lib/format/numbers";

const STAGE_STATUS_TEXT: Record<StageState["status"], string> = {
  pending: "Waiting",
  processing: "In progress",
  completed: "Done",
  failed: "Failed",
};

export interface StageCost {
  calls: number;
  estimatedCostUsd: number | null;
  paidBy: PaidBy | null;
}

/** Who paid for the stage's results over all runs, and what that is estimated to have cost. */
function costLine(cost: StageCost): string {
  const calls = `${formatCount(cost.calls)} provider ${cost.calls === 1 ? "call" : "calls"}`;
  const paid = cost.paidBy ? `Paid by: ${PAID_BY_TEXT[cost.paidBy]}` : "Nothing billed for a result";
  const estimate =
    cost.estimatedCostUsd === null ? "no cost estimate" : `estimated ${formatUsd(cost.estimatedCostUsd)}`;
  return `${paid} · ${estimate} · ${calls}`;
}

export function StageCard({
  stage,
  title,
  testId,
  recordingFailed,
  cost,
  failedCall,
}: {
  stage: StageState;
  title: string;
  testId: string;
  recordingFailed: boolean;
  cost?: StageCost | undefined;
  failedCall?: FailedCallView | null | undefined;
}) {
  const attribution = stage.attribution;
  const badge = attribution ? attributionBadgeText(attribution) : null;
  const failure = stage.error
    ? describeStageFailure(stage.error.reason, failedCall ?? null, stage.error.message)
    : null;
  const statusText = recordingFailed && stage.status === "pending" ? "Not run" : STAGE_STATUS_TEXT[stage.status];
  const fallbackText =
    attribution?.keySource === "server" && attribution.fallbackReason
      ? endedStageReason(attribution.fallbackReason)
      : null;

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
      {cost && cost.calls > 0 ? (
        <p className="ui-muted ui-small" data-testid={`${testId}-cost`}>
          {costLine(cost)}
        </p>
      ) : null}
      {fallbackText ? <p className="ui-small ui-alert ui-alert-warn">Why: {fallbackText}</p> : null}
      {failure ? <StageFailureNote description={failure} testId={testId} ended={recordingFailed} /> : null}
    </div>
  );
}
