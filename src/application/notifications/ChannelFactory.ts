import { inject, injectable } from 'inversify';
import type { ContactChannel, Member } from '../../domain/members/Member.js';
import type { NoticeChannel } from '../ports/NoticeChannel.js';
import { TOKENS } from '../tokens.js';

/** One way to reach one member: the medium and the address on it. */
export interface Route {
  readonly medium: ContactChannel;
  readonly to: string;
}

/**
 * The notification factory: picks the channels for each member by their preferences.
 * When a notice is queued, `routesFor` decides which media it goes out on (the member's chosen
 * channels, else email, else SMS, else push); when it is delivered, `channelFor` finds the channel
 * that serves the medium: one configured for it, else a catch-all (`'*'`) such as the recording channel.
 */
@injectable()
export class ChannelFactory {
  constructor(@inject(TOKENS.Channels) private readonly channels: readonly NoticeChannel[]) {}

  routesFor(member: Member): Route[] {
    const { email, phone, channels } = member.contact;
    const address = (medium: ContactChannel): string | undefined => (medium === 'email' ? email : medium === 'sms' ? phone : member.id);
    const preferred: readonly ContactChannel[] = channels ?? [email !== undefined ? 'email' : phone !== undefined ? 'sms' : 'push'];
    return preferred.flatMap((medium) => {
      const to = address(medium);
      return to === undefined ? [] : [{ medium, to }];
    });
  }

  channelFor(medium: ContactChannel): NoticeChannel | null {
    return this.channels.find((c) => c.medium === medium) ?? this.channels.find((c) => c.medium === '*') ?? null;
  }
}
