/** Processors, sub-processors and transfers: the register, its alerts and the S4-04 access end. */
export { ADEQUACY_WARNING_DAYS, adequacyInForce, type AdequacyInForce } from "./adequacy.ts";
export { accessEndCovers, VENDOR_ALERT_KINDS, vendorAlerts, type AlertSeverity, type DepartedProcessor, type VendorAlert, type VendorAlertKind } from "./alerts.ts";
export { transferDestinations, type Destination, type DestinationSource } from "./destinations.ts";
export { DPA_WARNING_DAYS, dpaState, missingDpaTerms, type DpaState } from "./dpa.ts";
export { VENDOR_TABLES, vendorTable, type VendorTable } from "./export.ts";
export { vendorAlertsJob } from "./jobs.ts";
export { processorKind, vendorAlertKind, type ProcessorRecord, type StoredAlert } from "./kinds.ts";
export { processorRows, transferRows, type ProcessorDpa, type ProcessorRow, type TransferRow } from "./register.ts";
export { listVendorAlerts, recordAccessEnded, refreshVendorAlerts, syncVendorAlerts, vendorRegister, type AccessEndInput, type AlertSync, type ListedAlert, type VendorRegister } from "./service.ts";
export { recordsDue } from "./records.ts";
