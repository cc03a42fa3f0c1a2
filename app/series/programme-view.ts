// The timed programme as pages show it (client-safe): items with their parts and speakers, times
// already formatted in the series' zone (app/series/catalog.server.ts getProgramme builds it).

export type SpeakerView = {
  speakerRole: string;
  kind: "person" | "organisation";
  key: string;
  name: string;
  role: string | null;
  organisation: string | null;
};

export type ProgrammeItemView = {
  id: number;
  kind: string | null;
  title: string;
  description: string | null;
  time: string | null;
  startIso: string | null;
  endIso: string | null;
  speakers: SpeakerView[];
  parts: ProgrammeItemView[];
};
