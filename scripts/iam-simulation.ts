/**
 * Test support: asks an IAM policy evaluator (`@cloud-copilot/iam-simulate`, a dev-only dependency: AGPL,
 * never shipped) whether a request is allowed, so the policies this library writes are checked by a real
 * implementation of IAM's evaluation logic, not by a matcher of our own.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";

export const account = "123456789012";
export const region = "eu-west-1";
export const tableArn = `arn:aws:dynamodb:${region}:${account}:table/platform_data`;

/** What IAM decides for one request. */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/**
 * One DynamoDB request by a role session with the given identity policies (and session policy), its leading
 * keys and the session's principal tags.
 */
export async function decide(request: {
  readonly policies: readonly unknown[];
  readonly sessionPolicy?: unknown;
  readonly action?: string;
  readonly resource?: string;
  readonly leadingKeys?: readonly string[];
  readonly principalTags?: Readonly<Record<string, string>>;
}): Promise<Decision> {
  const contextVariables: Record<string, string | string[]> = {};
  if (request.leadingKeys !== undefined) contextVariables["dynamodb:LeadingKeys"] = [...request.leadingKeys];
  for (const [tag, value] of Object.entries(request.principalTags ?? {}))
    contextVariables[`aws:PrincipalTag/${tag}`] = value;
  return evaluate({
    request: {
      principal: `arn:aws:sts::${account}:assumed-role/tenant-data/session`,
      action: request.action ?? "dynamodb:Query",
      resource: { resource: request.resource ?? tableArn, accountId: account },
      contextVariables,
    },
    identityPolicies: request.policies.map((policy, index) => ({ name: `policy${index}`, policy })),
    ...(request.sessionPolicy === undefined ? {} : { sessionPolicy: request.sessionPolicy }),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
}

/** An `sts:AssumeRole` / `sts:TagSession` request against a role's trust policy, with the tags it passes. */
export async function decideAssume(request: {
  readonly trustPolicy: unknown;
  readonly caller: string;
  readonly action: "sts:AssumeRole" | "sts:TagSession";
  readonly tags: Readonly<Record<string, string>>;
}): Promise<Decision> {
  const contextVariables: Record<string, string | string[]> = { "aws:TagKeys": Object.keys(request.tags) };
  for (const [tag, value] of Object.entries(request.tags)) contextVariables[`aws:RequestTag/${tag}`] = value;
  return evaluate({
    request: {
      principal: request.caller,
      action: request.action,
      resource: { resource: `arn:aws:iam::${account}:role/tenant-data`, accountId: account },
      contextVariables,
    },
    identityPolicies: [],
    resourcePolicy: request.trustPolicy,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
}

async function evaluate(simulation: Simulation): Promise<Decision> {
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`the simulation is invalid: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}
