export { CALENDAR_24X7, CalendarError, HORIZON_DAYS, compileCalendar, type TBusinessCalendarInput, type TCompiledCalendar } from "./calendar";
export { addBusinessMinutes, businessMinutesBetween, isOpen, nextOpening, type TCalendarLike } from "./business-time";
export { instantToLocal, localToInstant } from "./timezone";
