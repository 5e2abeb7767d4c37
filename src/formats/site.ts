// The public site the exports point at: its base URL (article and entity links, stable URIs) and the publisher
// named in JSON-LD. Installed once at start from the configuration (main.ts); the defaults serve tests and tools.
export interface SiteSettings {
  /** Base URL of the public site, without a trailing slash: `https://news.example.com`. */
  publicBaseUrl: string;
  /** The publisher's name, as schema.org `publisher.name` gives it. */
  publisherName: string;
  /** Absolute URL of the publisher's logo; none when absent. */
  publisherLogoUrl: string | null;
}

export const DEFAULT_SITE: SiteSettings = {
  publicBaseUrl: 'http://localhost:4000',
  publisherName: 'newsgraph',
  publisherLogoUrl: null,
};

let installed: SiteSettings = DEFAULT_SITE;

export function installSiteSettings(settings: SiteSettings): void {
  installed = { ...settings, publicBaseUrl: settings.publicBaseUrl.replace(/\/+$/, '') };
}

export function siteSettings(): SiteSettings {
  return installed;
}

/** The article's page on the public site. Kept in one function so the site's URL scheme changes in one place. */
export function articleUrl(site: SiteSettings, slug: string): string {
  return `${site.publicBaseUrl}/articles/${encodeURIComponent(slug)}`;
}

/** The entity's page on the public site: its stable URI in exports. */
export function entityUrl(site: SiteSettings, slug: string): string {
  return `${site.publicBaseUrl}/entities/${encodeURIComponent(slug)}`;
}

/** A Wikidata QID as the URI of its entity (`Q42` → `http://www.wikidata.org/entity/Q42`). */
export const wikidataUri = (qid: string): string => `http://www.wikidata.org/entity/${qid}`;
