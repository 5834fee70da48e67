export { queueSms, deliverQueuedMessages, startMessageDelivery, MAX_ATTEMPTS, type QueuedSms, type DeliveryResult } from './outbox.js';
export { createSmsGateway, HttpSmsGateway, RecordingSmsGateway, type SmsGateway, type SmsConfig, type SmsMessage } from './sms-gateway.js';
