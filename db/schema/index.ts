export * from "./directory";
export * from "./series";
export * from "./sessions";
export * from "./programme";
export * from "./resources";
export * from "./registrations";
export * from "./outbox";
export * from "./admin";
