/**
 * Risk levels and the `--fail-on` threshold.
 */
/** How bad a finding is, from worst to least. */
export type Risk = "critical" | "high" | "medium" | "low";

/** Every risk, worst first. */
export const allRisks: readonly Risk[] = ["critical", "high", "medium", "low"];

/** The `--fail-on` levels: a risk, or `none` to never fail on findings. */
export type FailOn = Risk | "none";

/** 0 for critical up to 3 for low: sort ascending to put the worst first. */
export function riskRank(risk: Risk): number {
  return allRisks.indexOf(risk);
}

/** True when `risk` is at or above the `--fail-on` level. */
export function reaches(risk: Risk, failOn: FailOn): boolean {
  return failOn !== "none" && riskRank(risk) <= riskRank(failOn);
}

/** Narrows user input to a `--fail-on` level. */
export function isFailOn(value: string): value is FailOn {
  return value === "none" || (allRisks as readonly string[]).includes(value);
}
