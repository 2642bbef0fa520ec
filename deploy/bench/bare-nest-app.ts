/**
 * The HTTP framework's own ceiling: a bare NestJS app on the platform's HTTP adapter (Express)
 * with one command route and one read route, no guard, no validation, no store.
 */
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const things = new Map<string, unknown>();

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown) {
    const id = randomUUID();
    things.set(id, body);
    return { id };
  }

  @Get(':id')
  read(@Param('id') id: string) {
    return { id, thing: things.get(id) ?? null };
  }
}

@Module({ controllers: [ThingsController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
