import { FIELD } from '../codec/layouts.js';
import { fieldOf, flag } from '../codec/Sip2Codec.js';
import { Sip2Error } from '../Sip2Error.js';
import { reply, today, type Sip2Handler } from './context.js';

/** 93 → 94: signs the connection in with a stored SIP2 login (plain user id and password: algorithms 0). */
export const LOGIN: Sip2Handler = {
  request: '93',
  response: '94',
  async answer(request, ctx) {
    if (!ctx.session.can('login')) throw new Sip2Error('MALFORMED_MESSAGE', 'this connection is signed in already');
    if (request.fixed.uidAlgorithm !== '0' || request.fixed.pwdAlgorithm !== '0') throw new Sip2Error('MALFORMED_MESSAGE', 'only plain (0) user id and password algorithms are supported');
    const account = await ctx.logins.verify(fieldOf(request, FIELD.loginUser) ?? '', fieldOf(request, FIELD.loginPassword) ?? '');
    if (!account) {
      ctx.session.loginFailures += 1;
      return reply('94', { ok: '0' }, []);
    }
    if (!ctx.logins.claim(account.user)) return reply('94', { ok: '0' }, []);
    ctx.session.signIn(account);
    return reply('94', { ok: '1' }, []);
  },
  refuse: () => reply('94', { ok: '0' }, []),
};

/** 99 → 98: the server's status, with what this account may do (BX true to what is implemented and allowed). */
export const SC_STATUS: Sip2Handler = {
  request: '99',
  response: '98',
  answer(_request, ctx) {
    const allowed = (code: string) => ctx.session.account?.allowedMessages.includes(code) ?? false;
    return Promise.resolve(
      reply(
        '98',
        {
          onlineStatus: 'Y',
          checkinOk: flag(allowed('09')),
          checkoutOk: flag(allowed('11')),
          acsRenewalPolicy: flag(allowed('29')),
          statusUpdateOk: 'N',
          offlineOk: 'N',
          timeoutPeriod: ctx.timeoutPeriod,
          retriesAllowed: '003',
          dateTimeSync: today(ctx),
          protocolVersion: '2.00',
        },
        [
          [FIELD.institutionId, ctx.institutionId],
          [FIELD.libraryName, ctx.libraryName],
          [FIELD.supportedMessages, ctx.supportedMessages],
          [FIELD.terminalLocation, ctx.session.account?.location],
        ],
      ),
    );
  },
  refuse: (_request, reason, ctx) =>
    reply(
      '98',
      {
        onlineStatus: 'N',
        checkinOk: 'N',
        checkoutOk: 'N',
        acsRenewalPolicy: 'N',
        statusUpdateOk: 'N',
        offlineOk: 'N',
        timeoutPeriod: ctx.timeoutPeriod,
        retriesAllowed: '003',
        dateTimeSync: today(ctx),
        protocolVersion: '2.00',
      },
      [
        [FIELD.institutionId, ctx.institutionId],
        [FIELD.supportedMessages, 'N'.repeat(16)],
        [FIELD.screenMessage, reason],
      ],
    ),
};
