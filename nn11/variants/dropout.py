import numpy as np

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)

    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

y = np.array([[0],
              [1],
              [1],
              [0]])

np.random.seed(1)

# hidden units (4: the listing)
HIDDEN = 4
# two weight matrices, each drawn from [-1, 1)
syn0 = 2 * np.random.random((3, HIDDEN)) - 1
syn1 = 2 * np.random.random((HIDDEN, 1)) - 1

# dropout: the chance that a hidden unit is silenced for one step (0: the listing)
DROPOUT = 0.2

for j in range(60000):

    # forward through layers 0, 1 and 2
    l0 = X
    l1 = nonlin(np.dot(l0, syn0))
    # silence units at random, scale up the rest so the sum keeps its size
    mask = (np.random.random(l1.shape) >= DROPOUT) / (1 - DROPOUT)
    l2 = nonlin(np.dot(l1 * mask, syn1))

    # the output's miss
    l2_error = y - l2

    if (j % 10000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    # scale the miss by the output's slope: sure answers
    # barely move, unsure ones move most
    l2_delta = l2_error * nonlin(l2, deriv=True)

    # send l2_delta back through syn1: each hidden unit's share of the miss
    l1_error = l2_delta.dot(syn1.T)

    # the same scaling, now for the hidden layer
    # (its slope at l1)
    l1_delta = l1_error * mask * nonlin(l1, deriv=True)

    syn1 += (l1 * mask).T.dot(l2_delta)
    syn0 += l0.T.dot(l1_delta)
