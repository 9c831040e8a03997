// A Go service's HTTP entry points, once every Go file's facts are in: its go-ini settings' defaults
// read from the INI file the program loads (iniDefaults.ts), the routers linked (link.ts), then the
// REST routes and Connect procedures grpc-gateway serves from the .proto files of the services the
// code registers (grpcGateway.ts), which supersede the Go routes that mount them. Every file read
// on the way is stamped into `dataFiles`: the cached answer depends on it.
import type { DataFileStamp, EntryPoint } from '../types';
import { stampOf } from '../interp/dataFiles';
import { grpcGatewayRoutes } from './grpcGateway';
import { iniDefaults } from './iniDefaults';
import { addYamlSettings, hasConfigStructs, yamlConfigFiles } from './yamlSettings';
import { linkGo } from './link';
import type { GoFileFacts } from './types';

type Read = (rel: string) => Promise<string | undefined>;

export async function goServiceEntries(
  goFacts: GoFileFacts[],
  mapFiles: Parameters<typeof grpcGatewayRoutes>[0],
  read: Read,
  listDir: ((rel: string) => string[] | undefined) | undefined,
  dataFiles: DataFileStamp[],
): Promise<{ entries: EntryPoint[]; handlerTargets: Map<EntryPoint, string>; handlerVia: Map<EntryPoint, string> }> {
  const ini = await iniDefaults(goFacts.map((f) => f.config?.ini), read, (p, text) => dataFiles.push(stampOf(p, text)));
  // Structs filled from a YAML configuration file: the shipped file's values, under `yaml:` keys (yamlSettings.ts).
  if (hasConfigStructs(goFacts.flatMap((f) => Object.values(f.structs).map((s) => s.fields)))) {
    const texts: string[] = [];
    for (const p of yamlConfigFiles(listDir)) {
      const text = await read(p);
      if (text === undefined) continue;
      dataFiles.push(stampOf(p, text));
      texts.push(text);
    }
    addYamlSettings(texts, ini);
  }
  const go = linkGo(goFacts, ini);
  const rpc = await grpcGatewayRoutes(mapFiles, read, listDir, dataFiles, go.entries);
  return { entries: [...go.entries.filter((e) => !rpc.superseded.has(e)), ...rpc.entries], handlerTargets: go.handlerTargets, handlerVia: go.handlerVia };
}
