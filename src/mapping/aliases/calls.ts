/**
 * Call-log header aliases (EXPORT-FORMATS §2, §4): Asterisk/FreePBX CDR, 3CX (call log and CDR
 * service), Yeastar, Twilio, RingCentral, Aircall, Mango, UIS/CoMagic, Sipuni, Megafon/Beeline
 * ВАТС, Zadarma, Calltouch, Roistat, Zoho CRM calls.
 */
import type { CallField } from '../fields.js';
import type { KindAliases } from './types.js';

/** Headers only an Asterisk CDR has: beside them `duration` is ring + talk time. (`disposition`
 *  is not one: Zadarma's webhook has it next to a talk-time `duration`.) */
const ASTERISK_MARKERS = ['billsec', 'dcontext', 'lastapp', 'lastdata', 'amaflags', 'dstchannel',
  'uniqueid', 'linkedid'];

export const CALL_ALIASES: KindAliases<CallField> = {
  fields: {
    // Decision #6(e): `linkedid` (shared by every leg of one call) outranks `uniqueid`.
    id: ['linkedid', 'uniqueid', 'Call ID', 'callid', 'ID звонка', 'ID записи', 'entry_id',
      'communication_id', 'uid', 'historyid', 'sid', 'TASKID', 'id'],
    started_at: ['start', 'calldate', 'Call Time', 'Call Start Time', 'Время', 'Время звонка',
      'Дата звонка', 'Дата и время', 'Начало', 'Начало звонка', 'time-start', 'timestart',
      'start_time', 'startTime', 'started_at', 'call_start', 'datetime (tz offset incl.)',
      'datetime (utc)', 'datetime', 'Call Date', 'Call Datetime', 'Start Date', 'Timestamp',
      'date', { header: 'Дата', weak: true }],
    // Sipuni `Тип`, Megafon/Yeastar `type` are call direction; the words are too generic to
    // count toward kind detection (Zoho campaigns have a `Type` too).
    direction: ['Direction', 'Call Type', 'call direction - type', 'Call Direction', 'Направление',
      'Направление звонка', 'Тип звонка', 'Тип вызова', { header: 'Тип', weak: true },
      { header: 'type', weak: true },
      // Calltouch: every call is inbound but a callback (`true`): read as a flag (`directionRead`)
      'callbackCall'],
    from: ['src', 'from', 'Откуда', 'Кто звонил', 'Номер звонящего', 'from_number', 'from-no',
      'caller', 'callerNumber', 'Caller Number', 'callfrom', 'Caller ID', 'clid'],
    // Roistat's `callee` is the tracking number (see tracking_number), not `to`.
    to: ['dst', 'to', 'Куда', 'С кем говорил', 'Номер назначения', 'to_number', 'to-no', 'dial-no',
      'callto', 'destination', 'Called Number', 'Callee Number'],
    // One column for the other party's number, whichever way the call went: the caller of an
    // inbound call, the number dialled by an outbound one (UIS `contact_phone_number`, ВАТС
    // `client`: "from/to by direction", EXPORT-FORMATS §2). A bare `Phone` is too generic to
    // tell a call log apart: weak.
    phone: ['contact_phone_number', 'Телефон клиента', 'Номер клиента', 'Номер абонента',
      'client_phone', 'customer_phone', 'contact_phone', 'Client Phone', 'Customer Phone',
      'Contact Phone', 'Client Number', 'Customer Number', 'External Number',
      { header: 'client', weak: true }, { header: 'Phone', weak: true },
      { header: 'Phone Number', weak: true }, { header: 'Телефон', weak: true },
      { header: 'Номер телефона', weak: true }, { header: 'Абонент', weak: true },
      { header: 'Number', weak: true }],
    duration_s: ['billsec', 'Длительность разговора', 'Длительность разговора, сек',
      'Время разговора', 'Talking', 'talk_duration', 'talkduraction', 'talkduration',
      'duration (in call)', 'Call Duration (in seconds)', 'Call Duration', 'Talk Time',
      // Talk time in Megafon ВАТС, Twilio, Roistat — but ring + talk in an Asterisk CDR.
      { header: 'duration', unlessHeaders: ASTERISK_MARKERS },
      { header: 'duration_sec', unlessHeaders: ASTERISK_MARKERS },
      { header: 'duration_seconds', unlessHeaders: ASTERISK_MARKERS },
      { header: 'Duration (sec)', unlessHeaders: ASTERISK_MARKERS },
      { header: 'Длительность', unlessHeaders: ASTERISK_MARKERS }],
    answered: ['answered', 'is_answered', 'successful', { header: 'is_lost', read: 'inverted' },
      { header: 'missed', read: 'inverted' }, { header: 'is_missed', read: 'inverted' },
      { header: 'missed_call_reason', read: 'missed_if_filled' },
      { header: 'time-answered', read: 'answered_if_filled' }],
    status: ['disposition', 'Статус звонка', 'Call Status', 'Результат звонка',
      { header: 'Статус', weak: true }, { header: 'Status', weak: true },
      { header: 'result', weak: true }, { header: 'Outcome', weak: true }],
    manager: ['Кто ответил', 'Кто разговаривал', 'Call Owner', 'Менеджер', 'Сотрудник', 'Оператор',
      'last_answered_employee_full_name', 'first_answered_employee_full_name', 'user', 'Agent',
      'cnum', 'extension', 'Ответственный', 'Ответственный из CRM', 'Manager', 'Employee', 'Operator',
      'Sales Manager', 'Account Manager', 'Assigned To', 'Manager Name', 'Agent Name',
      'Employee Name', 'User Name'],
    tracking_number: ['did', 'didnumber', 'diversion', 'virtual_phone_number', 'phoneNumber',
      'Номер линии АТС', 'Виртуальный номер', 'Tracking number', 'line_number', 'callee', 'line'],
  },
  never: {
    duration_s: ['Длительность звонка', 'duration (total)', 'total_duration', 'callduraction',
      'Ringing', 'wait', 'waiting time', 'wait_duration', 'Call Duration (in minutes)',
      'clean_talk_duration'],
    started_at: ['Время ответа', 'answer', 'end', 'finish_time', 'time-answered', 'time-end',
      'Время перезвона', 'Created Time', 'Modified Time'],
    direction: ['Call Purpose'],
  },
  hints: [],
  signals: [['duration_s'], ['direction'], ['status', 'answered'], ['from', 'to', 'phone']],
};
