// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ejs 5 ships no types: the declaration must go with this file into every program that compiles it (deploy/runtime too)
/// <reference path="./ejs.d.ts" />
import { compile } from 'ejs';
import { Locale, Money, formatDate, formatDateTime, formatMoney } from '../domain/locale-format';
import { MessageTemplate, RenderedMessage, TemplateRenderer } from '../application/ports';

type Compiled = (data: Record<string, unknown>) => string;

/**
 * Renders templates with EJS (strict mode: parameters as `p.name`, no `with`). Every message is
 * plain text, so nothing is HTML-escaped; the helpers format money (¥1,234.56, from minor units)
 * and dates (2026年11月23日 / 23 November 2026) for the template's locale.
 */
export class EjsTemplateRenderer implements TemplateRenderer {
  private readonly compiled = new Map<string, Compiled>();

  render(template: MessageTemplate, parameters: Record<string, unknown>): RenderedMessage {
    const data = { p: parameters, ...helpers(template.locale) };
    const run = (part: 'subject' | 'text' | 'sms') => this.compiledOf(template, part)(data);
    return { subject: run('subject'), text: run('text'), sms: run('sms') };
  }

  private compiledOf(template: MessageTemplate, part: 'subject' | 'text' | 'sms'): Compiled {
    const key = `${template.id}@${template.version}/${template.locale}/${part}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = compile(template[part], {
        strict: true,
        _with: false,
        destructuredLocals: ['p', 'money', 'date', 'dateTime'],
        escape: String,
      });
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

function helpers(locale: Locale) {
  return {
    money: (value: Money) => formatMoney(value),
    date: (value: string) => formatDate(value, locale),
    dateTime: (value: string) => formatDateTime(value, locale),
  };
}
