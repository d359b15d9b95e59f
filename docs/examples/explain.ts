import { FixedClock, Library } from 'shelfmark';
import { HILLSIDE_SCHOOL, RIVERTON_CITY } from './rule-matrix.js';

// Riverton City, Thursday 5 November 2026, 10:00 in New York.
const city = Library.create({ policy: RIVERTON_CITY, clock: new FixedClock('2026-11-05T15:00:00Z') });
await city.catalog.addBook({ isbn: '9780132350884', title: 'Clean Code', authors: ['Robert C. Martin'] });
await city.catalog.addCopy({ barcode: 'CC-1', isbn: '9780132350884', branch: 'downtown', rack: 'SE-2' });
await city.catalog.addCopy({ barcode: 'CC-DVD', isbn: '9780132350884', branch: 'riverside', rack: 'AV-1', loanCategory: 'MEDIA' });
await city.members.register({ id: 'arjun', name: 'Arjun', type: 'PUBLIC' });
await city.members.register({ id: 'dana', name: 'Dana', type: 'PUBLIC', plan: 'PREMIUM' });

// 1. A basic adult whose due date falls on Thanksgiving.
console.log((await city.explain({ memberId: 'arjun', barcode: 'CC-1' })).text + '\n');
// 2. A premium member borrowing media at Riverside: the branch-and-item rule beats the plan rule.
console.log((await city.explain({ memberId: 'dana', barcode: 'CC-DVD' })).text + '\n');

// Hillside School, Monday 7 September 2026, 15:00 in London.
const school = Library.create({ policy: HILLSIDE_SCHOOL, clock: new FixedClock('2026-09-07T14:00:00Z') });
await school.catalog.addBook({ isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] });
await school.catalog.addCopy({ barcode: 'CLRS-SL', isbn: '9780262033848', branch: 'hillside', rack: 'Desk', loanCategory: 'SHORT_LOAN' });
await school.members.register({ id: 'priya', name: 'Priya', type: 'STUDENT' });
await school.blocks.place({ memberId: 'priya', actions: ['borrow'], message: 'Library card not yet signed', placedBy: 'ms-khan' });

// 3. A student asking for a short-loan copy an hour before closing, while blocked.
console.log((await school.explain({ memberId: 'priya', barcode: 'CLRS-SL' })).text);
await city.close();
await school.close();
