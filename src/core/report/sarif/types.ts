// The part of SARIF 2.1.0 (OASIS) that Deep Dive writes and reads. Field names are the
// standard's; everything else a producer adds travels untouched in `properties`.

export interface SarifMessage {
  text?: string;
  markdown?: string;
  id?: string;
  arguments?: string[];
}

export interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
  snippet?: { text?: string };
}

export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifPhysicalLocation {
  artifactLocation?: SarifArtifactLocation;
  region?: SarifRegion;
  contextRegion?: SarifRegion;
}

export interface SarifLocation {
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: { name?: string; fullyQualifiedName?: string; kind?: string }[];
}

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  rule?: { id?: string; index?: number };
  kind?: 'notApplicable' | 'pass' | 'fail' | 'review' | 'open' | 'informational';
  level?: SarifLevel;
  rank?: number;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  fingerprints?: Record<string, string>;
  hostedViewerUri?: string;
  suppressions?: { kind: 'inSource' | 'external'; status?: 'accepted' | 'underReview' | 'rejected'; justification?: string }[];
  properties?: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  messageStrings?: Record<string, SarifMessage>;
  defaultConfiguration?: { level?: SarifLevel };
  helpUri?: string;
  properties?: Record<string, unknown>;
}

export interface SarifRun {
  tool: { driver: { name: string; version?: string; semanticVersion?: string; rules?: SarifRule[] }; extensions?: { name: string; rules?: SarifRule[] }[] };
  automationDetails?: { id?: string; description?: SarifMessage };
  originalUriBaseIds?: Record<string, { uri?: string; uriBaseId?: string; description?: SarifMessage }>;
  versionControlProvenance?: { repositoryUri: string; revisionId?: string }[];
  invocations?: { executionSuccessful: boolean; endTimeUtc?: string }[];
  artifacts?: { location?: SarifArtifactLocation }[];
  results?: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema?: string;
  version: '2.1.0';
  runs: SarifRun[];
}
