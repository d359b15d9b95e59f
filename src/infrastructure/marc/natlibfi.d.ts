// Types of the parts of @natlibfi/marc-record and @natlibfi/marc-record-serializers that the MARC adapter uses
// (the packages ship JavaScript only).
declare module '@natlibfi/marc-record' {
  export interface MarcSubfield {
    code: string;
    value?: string;
  }
  export interface MarcControlField {
    tag: string;
    value: string;
  }
  export interface MarcDataField {
    tag: string;
    ind1: string;
    ind2: string;
    subfields: MarcSubfield[];
  }
  export type MarcField = MarcControlField | MarcDataField;
  export interface MarcRecordObject {
    leader: string;
    fields: MarcField[];
  }
  export class MarcRecord {
    constructor(record?: MarcRecordObject, validationOptions?: Record<string, boolean>);
    leader: string;
    fields: MarcField[];
    get(query: string | RegExp): MarcField[];
    getControlfields(): MarcControlField[];
    getDatafields(): MarcDataField[];
    appendField(field: MarcField): MarcRecord;
    insertField(field: MarcField): MarcRecord;
    toObject(): MarcRecordObject;
    static isEqual(a: MarcRecord, b: MarcRecord): boolean;
  }
  export class MarcRecordError extends Error {}
}

declare module '@natlibfi/marc-record-serializers' {
  import type { MarcRecord } from '@natlibfi/marc-record';
  export const MARCXML: {
    from(xml: string, validationOptions?: Record<string, boolean>): Promise<MarcRecord>;
    to(record: MarcRecord, options?: { omitDeclaration?: boolean; indent?: boolean }): string;
  };
  export const ISO2709: {
    from(text: string, validationOptions?: Record<string, boolean>): MarcRecord;
    to(record: MarcRecord): string;
  };
}
