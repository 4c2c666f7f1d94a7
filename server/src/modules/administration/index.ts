import type { FastifyPluginAsync } from 'fastify';
import calendarAdminRoutes from '../calendar/calendar-admin.route';
import categoryOrderRoutes from '../categories/category-order.route';
import adminHealthRoutes from '../health/admin-health.route';
import invitationRoutes from '../staff/invitation.route';

/**
 * The routes administration added to the app (issue 17), registered together so that the app's
 * own list stays short: invitations, the categories' order, the calendar's years, the service's health.
 */
const administrationRoutes: FastifyPluginAsync = async (api) => {
  await api.register(invitationRoutes);
  await api.register(categoryOrderRoutes);
  await api.register(calendarAdminRoutes);
  await api.register(adminHealthRoutes);
};

export default administrationRoutes;
