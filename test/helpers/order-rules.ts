import { orderRules } from "../../src/classify/order-rules.js";
import { defaultConfig } from "../../src/config/schema.js";

/** The order rules with the default weights, as the classify stage hands them to the store. */
export const defaultOrder = orderRules(defaultConfig());
