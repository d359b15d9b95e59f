import { Library, FixedClock } from 'shelfmark';

const library = Library.create({ policy: 'college', clock: new FixedClock('2026-09-07T09:00:00Z') });
await library.catalog.addBook({ isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] });
await library.catalog.addCopy({ barcode: 'C-1', isbn: '9780262033848', branch: 'main', rack: '4-B' });
await library.members.register({ id: 'priya', name: 'Priya', type: 'STUDENT' });
await library.members.register({ id: 'raj', name: 'Raj', type: 'STUDENT' });

const loan = await library.circulation.checkOut({ memberId: 'raj', barcode: 'C-1' });
const hold = await library.reservations.reserve({ memberId: 'priya', isbn: '9780262033848' });
console.log(`Raj has C-1 until ${loan.dueAt}; Priya is #${String(hold.position)} in line`);

const { heldFor } = await library.circulation.returnCopy({ barcode: 'C-1' });
console.log(`C-1 is on the hold shelf for ${heldFor?.memberId ?? 'nobody'} until ${heldFor?.expiresAt ?? 'collected'}`);
await library.close();
