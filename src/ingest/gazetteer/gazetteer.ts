// Place names, capitals and demonyms, from the generated gazetteer.json (see build-gazetteer.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PlaceEntry {
  name: string;
  kind: 'country' | 'capital' | 'city' | 'region';
  /** For capitals and cities: the country they are in. */
  country?: string;
}

export interface GazetteerData {
  builtFrom: string[];
  cityPopulation: number;
  townPopulation: number;
  places: Record<string, PlaceEntry>;
  /** Smaller towns, "Name|Country": only trusted after a locative word. */
  towns: Record<string, string>;
  demonyms: Record<string, string>;
}

/** Lookup key: accents folded, lower case, curly apostrophes straightened ("Belém" → "belem"). */
export function placeKey(surface: string): string {
  if (/^[\x20-\x7e]*$/.test(surface)) return surface.toLowerCase();
  return surface
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/’/g, "'")
    .toLowerCase();
}

let loaded: GazetteerData | null = null;

function gazetteerData(): GazetteerData {
  if (!loaded) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gazetteer.json');
    loaded = JSON.parse(readFileSync(file, 'utf8')) as GazetteerData;
  }
  return loaded;
}

export function lookupPlace(surface: string): PlaceEntry | undefined {
  return gazetteerData().places[placeKey(surface)];
}

export function lookupTown(surface: string): PlaceEntry | undefined {
  const town = gazetteerData().towns[placeKey(surface)];
  if (!town) return undefined;
  const [name, country] = town.split('|');
  return { name: name!, kind: 'city', country };
}

/** The country a demonym stands for ("Belarusian" → "Belarus"). */
export function lookupDemonym(surface: string): string | undefined {
  return gazetteerData().demonyms[placeKey(surface)];
}
