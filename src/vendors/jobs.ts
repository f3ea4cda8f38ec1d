import type { JobDefinition } from "../jobs/queue.ts";
import { refreshVendorAlerts } from "./service.ts";

/** DPAs and adequacy decisions expire with the calendar, not with an edit: the alerts are refreshed each night. */
export const vendorAlertsJob: JobDefinition = {
  name: "vendor-alerts",
  schedule: "29 3 * * *",
  handle: async (ctx) => {
    await refreshVendorAlerts(ctx);
  },
};
