import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

/**
 * Colours for a terminal, and none when NO_COLOR is set or the output is not a terminal (FORCE_COLOR
 * overrides the latter). The decision is made here, for the stream actually written to, so
 * `styleText`'s own check of stdout is turned off.
 */
export class Palette {
  private constructor(private readonly enabled: boolean) {}

  static for(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return new Palette(false);
    const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
    return new Palette(forced || stream.isTTY === true);
  }

  static plain(): Palette {
    return new Palette(false);
  }

  paint(style: Style, text: string): string {
    return this.enabled ? styleText(style, text, { validateStream: false }) : text;
  }
}
