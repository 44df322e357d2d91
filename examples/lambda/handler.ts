/**
 * The event-schema validation Lambda of the case study (section 5), as a target of an EventBridge rule that
 * matches every event on the bus. Violations are logged as JSON lines (CloudWatch Logs Insights:
 * `filter logger = "capsule-entity" and severity = "critical"`), counted as embedded metrics, and a critical
 * one fails the invocation, so the event is retried and then lands in the rule target's dead-letter queue.
 */
import { createEventValidationHandler, type EventValidationHandler } from "capsule-entity";
import { validator } from "./platform-events.js";

export const handler: EventValidationHandler = createEventValidationHandler({ validator, failOn: "critical" });
