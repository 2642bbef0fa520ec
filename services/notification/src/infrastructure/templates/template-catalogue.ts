import { DEFAULT_LOCALE, Locale } from '../../domain/locale-format';
import { MessageTemplate, TemplateCatalogue } from '../../application/ports';
import { EN_TEMPLATES } from './en';
import { ZH_CN_TEMPLATES } from './zh-CN';

/**
 * Templates as versioned data. A wording change is a new version beside the old one (a sent
 * message records the version it was rendered with, so its history shows the words it had).
 */
export class InMemoryTemplateCatalogue implements TemplateCatalogue {
  constructor(
    private readonly templates: readonly MessageTemplate[] = [...ZH_CN_TEMPLATES, ...EN_TEMPLATES],
  ) {}

  latest(id: string, locale: Locale): MessageTemplate | null {
    const newest = (l: Locale) =>
      this.templates
        .filter((t) => t.id === id && t.locale === l)
        .reduce<MessageTemplate | null>((best, t) => (!best || t.version > best.version ? t : best), null);
    return newest(locale) ?? newest(DEFAULT_LOCALE);
  }

  version(id: string, locale: Locale, version: number): MessageTemplate | null {
    return this.templates.find((t) => t.id === id && t.locale === locale && t.version === version) ?? null;
  }

  ids(): string[] {
    return [...new Set(this.templates.map((t) => t.id))];
  }
}
